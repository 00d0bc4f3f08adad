import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

// Ingestion worker threads run only from the build, so this drives `sextant serve --ingest-workers 2`
// from packages/cli/dist (CI builds before testing).
const cliPath = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));
const secret = ['sk', 'proj', 'Wk3nV8xQ2pLr7TtY9mB1cD4fH6jS0aE5'].join('-');
const phone = '+44 20 7946 0958';

describe('PII redaction in the ingestion worker threads', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-redaction-workers-'));
  const file = path.join(directory, 's.db');
  let server: { url: string; key: string; stop(): Promise<void> };
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const send = async (text: string) => {
    const traceId = randomTraceId();
    const sent = await postOtlp(
      server.url,
      server.key,
      otlpJson([{ traceId, attributes: { 'app.note': text } }]),
    );
    expect(sent.status).toBe(200);
    const detail = (await api('GET', `/api/traces/${traceId}`)) as {
      tree: { span: { rawAttributes: Record<string, unknown> } }[];
    };
    return detail.tree[0]!.span.rawAttributes;
  };

  beforeAll(async () => {
    server = await spawnServer(file, ['--ingest-workers', '2']);
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('redacts with the project settings, and every worker takes a change at once', async () => {
    await api('PUT', '/api/settings/redaction', { enabled: true, detectors: { phone: false } });
    // Several batches, so both workers store some.
    for (let index = 0; index < 6; index++) {
      expect((await send(`call ${phone}, key ${secret}`))['app.note']).toBe(
        `call ${phone}, key [REDACTED:secret]`,
      );
    }
    await api('PUT', '/api/settings/redaction', { enabled: true });
    for (let index = 0; index < 6; index++) {
      const stored = await send(`call ${phone}, key ${secret}`);
      expect(stored['app.note']).toBe('call [REDACTED:phone], key [REDACTED:secret]');
      expect(stored['sextant.redactions']).toEqual({ phone: 1, secret: 1 });
    }
    await server.stop();
    const bytes = Buffer.concat(
      [file, `${file}-wal`].filter(fs.existsSync).map((name) => fs.readFileSync(name)),
    );
    expect(bytes.includes(secret)).toBe(false);
  });
});

/** `sextant serve` from the build on a free port; resolves once it printed its URL and first key. */
async function spawnServer(file: string, flags: string[]) {
  const child = spawn(process.execPath, [cliPath, 'serve', '--db', file, '--port', '0', ...flags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const banner = await new Promise<{ url: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const key = /\s(sk-sx-[\w-]+)\s/.exec(output)?.[1];
      if (url && key) {
        clearTimeout(timer);
        resolve({ url, key });
      }
    });
  });
  let stopped: Promise<void> | null = null;
  return {
    ...banner,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
