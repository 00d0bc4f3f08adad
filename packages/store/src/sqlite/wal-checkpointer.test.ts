import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptySpan, traceQuerySchema } from '@sextant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

const spans = (count: number, offset: number) =>
  Array.from({ length: count }, (_, index) => ({
    ...emptySpan({
      traceId: (offset + index).toString(16).padStart(32, '0'),
      spanId: (offset + index).toString(16).padStart(16, '0'),
      name: 'step',
      startTimeUs: 1_700_000_000_000_000 + index,
      endTimeUs: 1_700_000_000_000_500 + index,
    }),
    input: { type: 'text' as const, text: 'x'.repeat(2000) },
  }));

describe('background WAL checkpoints', () => {
  it('writers only append; the checkpointer copies the WAL into the file and truncates it on stop', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-wal-'));
    directories.push(directory);
    const file = path.join(directory, 'sextant.db');
    const writer = openSqliteStore(file, { walCheckpoints: 'background' });
    await writer.createProject({ id: 'alpha', name: 'Alpha' });
    // ~4,000 spans of 2 KB: well past the default 1,000-page checkpoint, under the background backstop.
    for (let batch = 0; batch < 20; batch++) await writer.insertSpans('alpha', spans(200, batch * 200));
    // The last connection to close removes the WAL file: no file is an empty WAL.
    const walBytes = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    expect(walBytes()).toBeGreaterThan(1000 * 16_384);
    const databaseBytesBefore = fs.statSync(file).size;

    const checkpointer = startWalCheckpointer(file, { intervalMs: 20 });
    // The checkpointer copies committed pages into the database file while the writer keeps going.
    await writer.insertSpans('alpha', spans(200, 10_000));
    for (let attempt = 0; attempt < 100 && fs.statSync(file).size <= databaseBytesBefore * 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fs.statSync(file).size).toBeGreaterThan(databaseBytesBefore * 2);
    await writer.close();
    await checkpointer.stop();
    expect(walBytes()).toBe(0);

    const reader = openSqliteStore(file);
    const page = await reader.listTraces('alpha', traceQuerySchema.parse({ limit: 1 }));
    expect(page.traces).toHaveLength(1);
    await reader.close();
  });
});
