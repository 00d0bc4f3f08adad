import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** Runs WAL checkpoints for a database file on a thread of its own. */
export interface WalCheckpointer {
  /** Stops the thread after a last full checkpoint. */
  stop(): Promise<void>;
}

// The thread's whole program: a connection that only checkpoints. PASSIVE never waits for or blocks
// writers; it copies what is committed, and once it has copied everything the next writer starts the
// WAL file over from the beginning, so the file stops growing.
const checkpointLoop = `
const { parentPort, workerData } = require('node:worker_threads');
// Lowest CPU priority for this thread only: on Linux, 0 names the calling thread (elsewhere it would
// be the whole process). Copying pages must not take a core from the threads that serve requests.
if (process.platform === 'linux') { try { require('node:os').setPriority(19); } catch {} }
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch {}
  db.close();
  parentPort.close();
});
`;

/**
 * Starts a checkpointer for a SQLite store file whose writers opened it with `walCheckpoints:
 * 'background'`. Ingestion then spends its single-writer turns appending to the WAL only, instead of
 * copying the WAL into the database file every thousand pages inside someone's write.
 * @example const checkpointer = startWalCheckpointer('./.sextant/sextant.db'); ... await checkpointer.stop();
 */
export function startWalCheckpointer(
  file: string,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): WalCheckpointer {
  const worker = new Worker(checkpointLoop, {
    eval: true,
    workerData: { file, intervalMs: options.intervalMs ?? 250, driver: require.resolve('better-sqlite3') },
  });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(new Error(`WAL checkpoint failed: ${message.error}`));
  });
  worker.on('error', (error) => options.onError?.(error));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref(); // keep the process alive until the last checkpoint is done
      worker.postMessage('stop');
      await exited;
    },
  };
}
