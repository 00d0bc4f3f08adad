import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `sextant` CLI of this repository (built by `npm ci`). */
export const cliPath = fileURLToPath(new URL('../../../../packages/cli/dist/main.js', import.meta.url));

export interface RunningSextant {
  url: string;
  apiKey: string;
  db: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `sextant serve` on a fresh embedded store and reads the default project's key from its banner,
 * as a new user would copy it. Tries `port` first and falls back to any free port.
 */
export async function startSextant(db: string, port: number): Promise<RunningSextant> {
  try {
    return await serve(db, port);
  } catch (error) {
    if (port === 0 || !/EADDRINUSE|address already in use/i.test(String(error))) throw error;
    return serve(db, 0);
  }
}

function serve(db: string, port: number): Promise<RunningSextant> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--db', db, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SEXTANT_API_KEY: '' },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sextant serve did not start in 30 s:\n${output}`)),
      30_000,
    );
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`sextant serve exited with ${code}:\n${output}`));
    };
    child.once('exit', onEarlyExit);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const apiKey = /\s(sk-sx-[\w-]+)\s/.exec(output)?.[1];
      if (!url || !apiKey) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onEarlyExit);
      resolve({
        url,
        apiKey,
        db,
        process: child,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a `sextant` command against the running server and its store, as a user would in a terminal. */
export function runCli(
  sextant: RunningSextant,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
) {
  return new Promise<CliResult>((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          SEXTANT_URL: sextant.url,
          SEXTANT_API_KEY: sextant.apiKey,
          SEXTANT_DB: sextant.db,
          ...options.env,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: Number.isFinite(code) ? code : 1, stdout, stderr });
      },
    );
  });
}

/** `runCli` for commands that must succeed: throws with their output otherwise. */
export async function cli(sextant: RunningSextant, args: readonly string[], options: { cwd?: string } = {}) {
  const result = await runCli(sextant, args, options);
  if (result.code !== 0) {
    throw new Error(
      `sextant ${args.join(' ')} exited with ${result.code}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** A JSON call to the REST API with the project's key; throws with the server's message on errors. */
export async function api<T = unknown>(
  sextant: RunningSextant,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sextant.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${sextant.apiKey}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
