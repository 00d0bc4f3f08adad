import { datasetItemInputSchema } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExperimentService } from './experiment-service.js';

const traceOf = (item: string) => item.charCodeAt(0).toString(16).padStart(32, '0');
const batch = (items: string[], value: number) => ({
  runs: items.map((itemId) => ({
    itemId,
    repeat: 0,
    traceId: traceOf(itemId),
    output: itemId,
    latencyMs: 3,
  })),
  scores: items.map((itemId) => ({
    id: `${itemId}-${value}`,
    traceId: traceOf(itemId),
    name: 'contains',
    value,
    passed: value === 1,
  })),
});

describe('ExperimentService summaries', () => {
  let store: Store;
  let runReads = 0;
  beforeEach(async () => {
    const opened = openSqliteStore(':memory:');
    // Counts how often the runs are read, to see when a summary is computed again.
    const listRuns = opened.experiments.listRuns.bind(opened.experiments);
    opened.experiments.listRuns = (...args) => {
      runReads += 1;
      return listRuns(...args);
    };
    store = opened;
    runReads = 0;
    await store.createProject({ id: 'p', name: 'p' });
    await store.datasets.create('p', { name: 'qa', description: '' });
    await store.datasets.applyChanges('p', 'qa', {
      upsert: ['a', 'b'].map((id) => datasetItemInputSchema.parse({ id, input: id })),
    });
  });
  afterEach(() => store.close());

  it('reuses a summary while nothing is written, and recomputes after runs or scores arrive', async () => {
    const service = new ExperimentService(store);
    await service.create('p', { id: 'e', name: 'e', datasetName: 'qa', repeats: 1, evaluators: [] });
    await service.recordResults('p', 'e', batch(['a'], 1));
    const first = await service.summaryPage('p', 'e', { limit: 1 });
    const second = await service.summaryPage('p', 'e', {
      limit: 1,
      cursor: first.summary.nextItemsCursor ?? undefined,
    });
    expect(runReads).toBe(1);
    expect(second.summary.runs).toBe(1);

    await service.recordResults('p', 'e', batch(['b'], 0));
    const after = await service.summaryPage('p', 'e', { limit: 10 });
    expect(runReads).toBe(2);
    expect(after.summary.runs).toBe(2);
    expect(after.summary.itemSummaries.map((item) => item.itemId)).toEqual(['a', 'b']);
  });
});
