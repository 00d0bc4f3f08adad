import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetItemInputSchema } from '@sextant/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-datasets-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('SQLite datasets', () => {
  it('takes over from an import whose process stopped, and the stalled import cannot commit', async () => {
    const file = path.join(directory, 'takeover.db');
    const first = openSqliteStore(file);
    await first.createProject({ id: 'p', name: 'P' });
    await first.datasets.create('p', { name: 'qa', description: '' });
    let resume = () => {};
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    async function* stalled() {
      yield [datasetItemInputSchema.parse({ id: 'old', input: 1 })];
      await paused;
      yield [datasetItemInputSchema.parse({ id: 'late', input: 2 })];
    }
    const running = first.datasets.importItems('p', 'qa', stalled());
    await new Promise((resolve) => setTimeout(resolve, 10));

    // Another process sees a fresh import and waits; a minute without a batch, it takes over.
    const second = openSqliteStore(file);
    const edit = { upsert: [datasetItemInputSchema.parse({ id: 'new', input: 3 })] };
    await expect(second.datasets.applyChanges('p', 'qa', edit)).rejects.toMatchObject({ code: 'conflict' });
    const raw = new Database(file);
    raw.prepare('UPDATE datasets SET pending_heartbeat_at = ?').run(Date.now() - 61_000);
    raw.close();
    expect(await second.datasets.applyChanges('p', 'qa', edit)).toMatchObject({ version: 1, itemCount: 1 });

    resume();
    await expect(running).rejects.toThrow(/stalled .* and was abandoned; import again/);
    const items = await second.datasets.listItems('p', 'qa', { limit: 10 });
    expect(items.items.map((item) => item.id)).toEqual(['new']);
    await first.close();
    await second.close();
  });
});
