import { type DatasetItemInput, datasetItemInputSchema, type ParsedDatasetItemInput } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const item = (input: DatasetItemInput): ParsedDatasetItemInput => datasetItemInputSchema.parse(input);

async function* batchesOf(items: readonly ParsedDatasetItemInput[], size: number) {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Cases for `store.datasets`, registered inside `runStoreContract` so every adapter runs them. */
export function registerDatasetCases(test: ContractTest, store: () => Store) {
  const datasets = () => store().datasets;
  const ids = async (name: string, query: { version?: number; split?: string } = {}) =>
    (await datasets().listItems('alpha', name, { limit: 1000, ...query })).items.map((entry) => entry.id);

  test('datasets: creates with a unique name per project, empty at version 0', async () => {
    const created = await datasets().create('alpha', { name: 'qa', description: 'questions' });
    expect(created).toMatchObject({ name: 'qa', description: 'questions', latestVersion: 0, itemCount: 0 });
    await expect(datasets().create('alpha', { name: 'qa', description: '' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await datasets().create('beta', { name: 'qa', description: 'B' });
    expect((await datasets().list('alpha')).map((entry) => entry.description)).toEqual(['questions']);
    expect(await ids('qa')).toEqual([]);
  });

  test('datasets: every edit makes a new version and old versions read as they were', async () => {
    await datasets().create('alpha', { name: 'qa', description: '' });
    const first = await datasets().applyChanges('alpha', 'qa', {
      upsert: [
        item({ id: 'a', input: { q: 'one' }, expectedOutput: '1', split: 'train' }),
        item({ id: 'b', input: 'two', split: 'test' }),
        item({ id: 'c', input: 'three' }),
      ],
      message: 'seed',
    });
    expect(first).toMatchObject({
      version: 1,
      itemCount: 3,
      added: 3,
      updated: 0,
      removed: 0,
      message: 'seed',
    });
    const second = await datasets().applyChanges('alpha', 'qa', {
      upsert: [item({ id: 'b', input: 'two, edited', split: 'test' }), item({ id: 'd', input: 'four' })],
      delete: ['c'],
    });
    expect(second).toMatchObject({ version: 2, itemCount: 3, added: 1, updated: 1, removed: 1 });

    expect(await ids('qa', { version: 1 })).toEqual(['a', 'b', 'c']);
    expect((await ids('qa')).sort()).toEqual(['a', 'b', 'd']);
    const v1 = await datasets().listItems('alpha', 'qa', { version: 1, limit: 10 });
    expect(v1.items.find((entry) => entry.id === 'b')?.input).toBe('two');
    expect(v1.items[0]).toEqual({
      id: 'a',
      input: { q: 'one' },
      expectedOutput: '1',
      metadata: {},
      split: 'train',
      version: 1,
    });
    const latest = await datasets().listItems('alpha', 'qa', { limit: 10 });
    expect(latest.items.find((entry) => entry.id === 'b')).toMatchObject({
      input: 'two, edited',
      version: 2,
    });
    expect((await datasets().listVersions('alpha', 'qa')).map((entry) => entry.version)).toEqual([2, 1]);
    expect(await datasets().get('alpha', 'qa')).toMatchObject({ latestVersion: 2, itemCount: 3 });
    await expect(datasets().listItems('alpha', 'qa', { version: 3, limit: 1 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(datasets().applyChanges('alpha', 'qa', { delete: ['c'] })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  test('datasets: counts splits and filters items by split, per version', async () => {
    await datasets().create('alpha', { name: 'qa', description: '' });
    await datasets().applyChanges('alpha', 'qa', {
      upsert: [
        item({ id: 'a', input: 1, split: 'train' }),
        item({ id: 'b', input: 2, split: 'train' }),
        item({ id: 'c', input: 3, split: 'test' }),
        item({ id: 'd', input: 4 }),
      ],
    });
    await datasets().applyChanges('alpha', 'qa', { delete: ['a'] });
    expect(await datasets().listSplits('alpha', 'qa')).toEqual({
      version: 2,
      splits: [
        { split: 'test', count: 1 },
        { split: 'train', count: 1 },
        { split: null, count: 1 },
      ],
    });
    expect((await datasets().listSplits('alpha', 'qa', 1)).splits[1]).toEqual({ split: 'train', count: 2 });
    expect(await ids('qa', { split: 'train', version: 1 })).toEqual(['a', 'b']);
    expect(await ids('qa', { split: 'train' })).toEqual(['b']);
  });

  test('datasets: pages items in order with a cursor', async () => {
    await datasets().create('alpha', { name: 'big', description: '' });
    const items = Array.from({ length: 25 }, (_, index) => item({ id: `i${index}`, input: index }));
    await datasets().importItems('alpha', 'big', batchesOf(items, 10));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await datasets().listItems('alpha', 'big', { limit: 10, cursor });
      seen.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(items.map((entry) => entry.id));
  });

  test('datasets: an import is one version, and a failed import leaves nothing visible', async () => {
    await datasets().create('alpha', { name: 'qa', description: '' });
    await datasets().applyChanges('alpha', 'qa', { upsert: [item({ id: 'keep', input: 0 })] });
    async function* failing() {
      yield [item({ id: 'x1', input: 1 }), item({ id: 'x2', input: 2 })];
      throw new Error('line 7: broken row');
    }
    await expect(datasets().importItems('alpha', 'qa', failing())).rejects.toThrow('line 7: broken row');
    expect(await ids('qa')).toEqual(['keep']);
    expect(await datasets().get('alpha', 'qa')).toMatchObject({ latestVersion: 1, itemCount: 1 });
    // The ids of the failed import are free again, and the next import takes the next version number.
    const imported = await datasets().importItems(
      'alpha',
      'qa',
      batchesOf([item({ id: 'x1', input: 1 }), item({ input: 'generated id' })], 1),
      { message: 'import' },
    );
    expect(imported).toMatchObject({ version: 2, added: 2, itemCount: 3 });
    expect(await ids('qa', { version: 1 })).toEqual(['keep']);
    const duplicate = datasets().importItems('alpha', 'qa', batchesOf([item({ id: 'keep', input: 9 })], 1));
    await expect(duplicate).rejects.toMatchObject({ code: 'conflict' });
    expect(await datasets().get('alpha', 'qa')).toMatchObject({ latestVersion: 2, itemCount: 3 });
  });

  test('datasets: refuses edits while an import is running, then accepts them', async () => {
    await datasets().create('alpha', { name: 'qa', description: '' });
    let finish = () => {};
    const waiting = new Promise<void>((resolve) => {
      finish = resolve;
    });
    async function* slow() {
      yield [item({ id: 'a', input: 1 })];
      await waiting;
      yield [item({ id: 'b', input: 2 })];
    }
    const running = datasets().importItems('alpha', 'qa', slow());
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(
      datasets().applyChanges('alpha', 'qa', { upsert: [item({ input: 3 })] }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/import in progress.*retry when it finishes/),
    });
    expect(await ids('qa')).toEqual([]);
    finish();
    expect(await running).toMatchObject({ version: 1, added: 2 });
    expect(await datasets().applyChanges('alpha', 'qa', { delete: ['a'] })).toMatchObject({ version: 2 });
  });

  test('datasets: never reads or writes another project’s dataset', async () => {
    await datasets().create('alpha', { name: 'secret', description: 'alpha only' });
    await datasets().applyChanges('alpha', 'secret', { upsert: [item({ id: 'a', input: 'secret' })] });
    expect(await datasets().get('beta', 'secret')).toBeNull();
    expect(await datasets().list('beta')).toEqual([]);
    for (const attempt of [
      () => datasets().listItems('beta', 'secret', { limit: 10 }),
      () => datasets().listSplits('beta', 'secret'),
      () => datasets().listVersions('beta', 'secret'),
      () => datasets().applyChanges('beta', 'secret', { delete: ['a'] }),
      () => datasets().importItems('beta', 'secret', batchesOf([item({ input: 1 })], 1)),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
    }
    await datasets().create('beta', { name: 'secret', description: '' });
    expect(await ids('secret')).toEqual(['a']);
    expect((await datasets().listItems('beta', 'secret', { limit: 10 })).items).toEqual([]);
  });
}
