import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { batchTracePrefix } from './otlp-batch.js';
import { spawnServer } from './server-process.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-crash-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

/** Runs the load generator against `url` until it exits; acknowledged batch numbers go to `ackLog`. */
function runLoad(url: string, key: string, ackLog: string, durationMs: number) {
  const child = spawn(
    process.execPath,
    [
      path.join(here, 'load-generator.js'),
      '--url',
      url,
      '--key',
      key,
      '--duration-ms',
      String(durationMs),
      '--warmup-ms',
      '0',
      '--concurrency',
      '4',
      '--run-id',
      'c0a5c0a5',
      '--ack-log',
      ackLog,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

const countLines = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('crash safety', () => {
  it('after kill -9 in the middle of load, every acknowledged batch is stored and the database opens cleanly', async () => {
    const db = path.join(directory, 'sextant.db');
    const ackLog = path.join(directory, 'acks.log');
    const first = await spawnServer({ db });
    const load = runLoad(first.url, first.key!, ackLog, 20_000);
    // Kill once the load is really flowing (the machine may be busy; time alone is not a signal).
    await waitFor(() => countLines(ackLog) >= 30, 15_000);
    await first.kill(); // SIGKILL: no shutdown hook runs
    await load;

    const acknowledged = fs.readFileSync(ackLog, 'utf8').split('\n').filter(Boolean).map(Number);
    expect(acknowledged.length).toBeGreaterThan(20);

    // Restart on the same file: it must open (WAL recovery, schema check) and serve.
    const second = await spawnServer({ db });
    const health = await fetch(`${second.url}/api/health`);
    expect(health.status).toBe(200);
    // `sextant serve` also serves the built console at / (npm test builds it first).
    expect(await (await fetch(`${second.url}/traces`)).text()).toMatch(/<div id="root">/);
    await second.stop();

    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    const countBatch = check.prepare('SELECT count(*) AS n FROM spans WHERE trace_id >= ? AND trace_id < ?');
    const missing = acknowledged.filter((batch) => {
      const prefix = batchTracePrefix('c0a5c0a5', batch);
      return (countBatch.get(prefix, `${prefix}g`) as { n: number }).n !== 100;
    });
    check.close();
    expect(missing).toEqual([]);
  }, 60_000);
});
