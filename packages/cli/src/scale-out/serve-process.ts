import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, as users run it (`npm test` builds before testing). */
const cliPath = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ServeProcess {
  url: string;
  /** The bootstrap key, printed only by the server that created the default project. */
  key: string | null;
  child: ChildProcess;
  /** SIGKILL: the process gets no chance to flush or clean up. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `sextant serve --db <location>` on a free loopback port and waits for its banner. */
export function startServeProcess(location: string): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [cliPath, 'serve', '--db', location, '--port', '0', '--ingest-workers', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SEXTANT_DB: '' },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sextant serve did not start in 20 s:\n${output}`)),
      20_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sextant serve exited with ${code} before listening:\n${output}`));
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url || !/store\s+\S+/.test(output)) return;
      const createdProject = output.includes("Created project 'default'");
      const key = /\s(sk-sx-[\w-]+)\s/.exec(output)?.[1] ?? null;
      if (createdProject && !key) return;
      clearTimeout(timer);
      resolve({
        url,
        key,
        child,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
