// Starts `sextant serve` as its own process (as users run it) and reads its URL and first key from the banner.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cliPath = path.join(root, 'packages/cli/dist/main.js');

/**
 * @param {{ db: string, port?: number, env?: Record<string, string>, args?: string[], nodeArgs?: string[] }} options
 * @returns {Promise<{ url: string, key: string | null, pid: number, child: import('node:child_process').ChildProcess, stop(): Promise<void>, kill(): Promise<void> }>}
 */
export function spawnServer({ db, port = 0, env = {}, args = [], nodeArgs = [] }) {
  const child = spawn(
    process.execPath,
    [...nodeArgs, cliPath, 'serve', '--db', db, '--port', String(port), ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 20 s:\n${output}\n${errors}`)),
      20_000,
    );
    const onEarlyExit = (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}\n${errors}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url || !output.includes('store')) return;
      // The key line follows the banner when this start created the default project.
      const hasKeySection = output.includes("Created project 'default'");
      const key = /\s(sk-sx-[\w-]+)\s/.exec(output)?.[1] ?? null;
      if (hasKeySection && !key) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({
        url,
        key,
        pid: child.pid,
        child,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}

/** Peak resident set size of a process in bytes (Linux VmHWM), or null elsewhere. */
export async function peakRssBytes(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kilobytes ? Number(kilobytes) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux), or null elsewhere. */
export async function cpuSeconds(pid) {
  const { readFile } = await import('node:fs/promises');
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
