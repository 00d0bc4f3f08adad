import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Worker threads run the compiled ingest-worker.js, and under Vitest they would inherit its
// `--conditions` (TypeScript sources), so the pool runs from the build in a plain Node process.
const distUrl = (file: string) => new URL(`../../../${file}`, import.meta.url).href;
const script = `
import { openStore } from ${JSON.stringify(distUrl('store/dist/index.js'))};
import { IngestWorkerPool } from ${JSON.stringify(distUrl('server/dist/ingest/ingest-worker-pool.js'))};
const file = process.argv[2];
const store = openStore(file);
await store.createProject({ id: 'p', name: 'p' });
const body = (spanId) => new TextEncoder().encode(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{
  traceId: '0af7651916cd43dd8448eb211c80319c', spanId, name: 'step',
  startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] }));
const errors = [];
// One byte allowed: a body is always taken when nothing waits; a second one is refused until it is stored.
const pool = new IngestWorkerPool(file, 1, (error) => errors.push(String(error)), 1);
const first = pool.ingestBody('p', 'json', body('b7ad6b7169203331'));
const refused = await pool.ingestBody('p', 'json', body('b7ad6b7169203332')).catch((error) => error);
const results = [await first, await pool.ingestBody('p', 'json', body('b7ad6b7169203333'))];
await pool.close();
const trace = await store.getTrace('p', '0af7651916cd43dd8448eb211c80319c');
await store.close();
console.log(JSON.stringify({ refused: { code: refused.code, status: refused.status, message: refused.message },
  results, storedSpanIds: trace.spans.map((span) => span.spanId).sort(), errors }));
`;

describe('IngestWorkerPool', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-pool-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('turns bodies away with 503 while too many bytes wait, and takes them again once stored', async () => {
    // A file, not `node -e`: worker threads inherit the parent's execArgv, `-e` and its code included.
    const scriptFile = path.join(directory, 'pool.mjs');
    fs.writeFileSync(scriptFile, script);
    const { stdout } = await promisify(execFile)(process.execPath, [
      scriptFile,
      path.join(directory, 's.db'),
    ]);
    const outcome = JSON.parse(stdout);
    expect(outcome.refused).toEqual({
      code: 'unavailable',
      status: 503,
      message: expect.stringMatching(/^ingestion is behind: .*send this one again shortly$/),
    });
    expect(outcome.results).toEqual([
      { accepted: 1, rejected: 0, errorMessage: '' },
      { accepted: 1, rejected: 0, errorMessage: '' },
    ]);
    expect(outcome.storedSpanIds).toEqual(['b7ad6b7169203331', 'b7ad6b7169203333']);
    expect(outcome.errors).toEqual([]);
  });
});
