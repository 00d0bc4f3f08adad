import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

// SEXTANT_IMPORT_ROWS=1000000 measures a bigger file by hand; the suite runs 200,000.
const rows = Number(process.env.SEXTANT_IMPORT_ROWS ?? 200_000);

const importCsv = (live: Pick<LiveServer, 'url' | 'keyA'>, name: string, count: number) =>
  fetch(`${live.url}/api/datasets/${name}/import?input=question&expected=answer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${live.keyA}`, 'content-type': 'text/csv' },
    body: generatedCsv(count),
    duplex: 'half',
  } as RequestInit);

/** A CSV of `rows` rows produced as the upload reads it, so the test itself never holds the file. */
function generatedCsv(rows: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next === 0) controller.enqueue(encoder.encode('id,question,answer,split\n'));
      const lines: string[] = [];
      for (const end = Math.min(next + 2000, rows); next < end; next += 1) {
        lines.push(
          `q${next},"Question ${next}: what is ""${next % 97}"", plus a comma, here?","Answer\nline ${next}",${next % 10 === 0 ? 'test' : 'train'}\n`,
        );
      }
      controller.enqueue(encoder.encode(lines.join('')));
      if (next >= rows) controller.close();
    },
  });
}

describe('streamed dataset import at scale', () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  it(`imports ${rows} CSV rows in bounded memory`, { timeout: 120_000 }, async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'big' });
    // Warm up first (JIT, SQLite's page cache, V8's heap sizing), so the figure is what the import itself adds.
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'warm-up' });
    expect((await importCsv(live, 'warm-up', 50_000)).status).toBe(201);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const response = await importCsv(live, 'big', rows);
    const body = (await response.json()) as { rows: number; rowsPerSecond: number };
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - baseline) / 1024 / 1024;
    console.log(
      `dataset import: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds)} rows/s end to end ` +
        `(server-side ${body.rowsPerSecond} rows/s); RSS growth ${growthMb.toFixed(1)} MB`,
    );
    expect(response.status).toBe(201);
    expect(body.rows).toBe(rows);
    // RSS moves with SQLite's page cache and V8's collection timing, so it is reported, not asserted;
    // the heap-capped server below is what proves the import streams.

    const splits = await request(live, live.keyA, 'GET', '/api/datasets/big/splits');
    expect(splits.body).toEqual({
      version: 1,
      splits: [
        { split: 'test', count: rows / 10 },
        { split: 'train', count: rows - rows / 10 },
      ],
    });
    const last = await request(live, live.keyA, 'GET', '/api/datasets/big/items?split=test&limit=1');
    expect(last.body).toMatchObject({
      items: [
        { id: 'q0', input: 'Question 0: what is "0", plus a comma, here?', expectedOutput: 'Answer\nline 0' },
      ],
    });

    // A small edit of the big dataset writes one row, not a copy: fast, and version 1 still reads as before.
    const editStarted = performance.now();
    const edit = await request(live, live.keyA, 'POST', '/api/datasets/big/items', {
      items: [{ id: 'q0', input: 'edited', split: 'test' }],
    });
    const editMs = performance.now() - editStarted;
    console.log(`one-item edit of a ${rows}-item dataset: ${editMs.toFixed(1)} ms`);
    expect(edit.body).toMatchObject({ version: { version: 2, itemCount: rows, updated: 1 } });
    const before = await request(live, live.keyA, 'GET', '/api/datasets/big/items?version=1&limit=1');
    expect(before.body).toMatchObject({ items: [{ id: 'q0', input: expect.stringMatching(/^Question 0/) }] });
  });

  it('imports 300,000 rows into a server whose heap is capped at 96 MB', { timeout: 180_000 }, async () => {
    // Holding the rows (or the file) in memory would need well over 96 MB of heap and crash the server.
    const server = await spawnCappedServer(96);
    try {
      const live = { url: server.url, keyA: server.key };
      await fetch(`${server.url}/api/datasets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'capped' }),
      });
      const response = await importCsv(live, 'capped', 300_000);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { rows: number }).rows).toBe(300_000);
    } finally {
      server.stop();
    }
  });
});

const cliPath = fileURLToPath(new URL('../../../cli/dist/main.js', import.meta.url));

/** `sextant serve` from the build, in its own process with a capped V8 heap. */
async function spawnCappedServer(heapMb: number) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-capped-'));
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, cliPath, 'serve', '--db', path.join(directory, 's.db'), '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
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
  return {
    ...banner,
    stop() {
      child.kill('SIGKILL');
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
