import { experimentInputSchema, scoreSchema } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const experiment = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  ...experimentInputSchema.parse({
    name: `run ${id}`,
    datasetName: 'qa',
    datasetVersion: 2,
    repeats: 3,
    itemCount: 2,
    evaluators: [{ name: 'contains', version: '1' }],
    ...overrides,
  }),
});
const run = (itemId: string, repeat: number, overrides: Record<string, unknown> = {}) => ({
  itemId,
  repeat,
  traceId: `${itemId.padEnd(31, '0').slice(0, 31)}${repeat}`.replace(/[^0-9a-f]/g, 'f'),
  output: { text: `${itemId}-${repeat}` },
  latencyMs: 12.5,
  ...overrides,
});

/** Cases for `store.experiments`, registered inside `runStoreContract` so every adapter runs them. */
export function registerExperimentCases(test: ContractTest, store: () => Store) {
  const experiments = () => store().experiments;

  test('experiments: creates with a unique id per project and lists newest first', async () => {
    const created = await experiments().create(
      'alpha',
      experiment('e1', {
        release: { name: 'bot', version: 4 },
        promptVersions: [{ name: 'answer', version: 2 }],
        model: 'gpt-4o',
        metadata: { branch: 'main' },
      }),
    );
    expect(created).toMatchObject({
      id: 'e1',
      name: 'run e1',
      datasetName: 'qa',
      datasetVersion: 2,
      release: { name: 'bot', version: 4 },
      promptVersions: [{ name: 'answer', version: 2 }],
      model: 'gpt-4o',
      repeats: 3,
      itemCount: 2,
      evaluators: [{ name: 'contains', version: '1' }],
      metadata: { branch: 'main' },
      status: 'running',
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    await expect(experiments().create('alpha', experiment('e1'))).rejects.toMatchObject({ code: 'conflict' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await experiments().create('alpha', experiment('e2', { datasetName: 'other' }));
    await experiments().create('beta', experiment('e1'));
    expect((await experiments().list('alpha')).map((entry) => entry.id)).toEqual(['e2', 'e1']);
    expect((await experiments().list('alpha', { datasetName: 'qa' })).map((entry) => entry.id)).toEqual([
      'e1',
    ]);
    expect((await experiments().get('beta', 'e1'))?.release).toBeUndefined();
    expect(await experiments().get('beta', 'e2')).toBeNull();
    expect(await experiments().setStatus('alpha', 'e1', 'completed')).toBe(true);
    expect((await experiments().get('alpha', 'e1'))?.status).toBe('completed');
    expect((await experiments().get('beta', 'e1'))?.status).toBe('running');
    expect(await experiments().setStatus('beta', 'e2', 'failed')).toBe(false);
  });

  test('experiments: runs are keyed by item and repeat; a rerun replaces, keys list what is finished', async () => {
    await experiments().create('alpha', experiment('e1'));
    await experiments().putRuns('alpha', 'e1', [
      run('b', 0),
      run('a', 1, { error: 'timeout', output: undefined }),
      run('a', 0, { cost: 0.002 }),
    ]);
    await experiments().putRuns('alpha', 'e1', [run('a', 1, { output: 'fixed' })]);
    const runs = await experiments().listRuns('alpha', 'e1');
    expect(runs.map((entry) => [entry.itemId, entry.repeat, entry.output, entry.error])).toEqual([
      ['a', 0, { text: 'a-0' }, undefined],
      ['a', 1, 'fixed', undefined],
      ['b', 0, { text: 'b-0' }, undefined],
    ]);
    expect(runs[0]).toMatchObject({ experimentId: 'e1', latencyMs: 12.5, cost: 0.002 });
    expect(runs[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await experiments().listRunKeys('alpha', 'e1')).toEqual([
      { itemId: 'a', repeat: 0 },
      { itemId: 'a', repeat: 1 },
      { itemId: 'b', repeat: 0 },
    ]);
    expect(await experiments().listRuns('beta', 'e1')).toEqual([]);
    await expect(experiments().putRuns('beta', 'e1', [run('a', 0)])).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  test('experiments: the results version changes with every run or score written, and only then', async () => {
    await experiments().create('alpha', experiment('e2'));
    await experiments().create('beta', experiment('e2'));
    const version = () => experiments().resultsVersion('alpha', 'e2');
    const empty = await version();
    expect(await version()).toBe(empty);
    await experiments().putRuns('alpha', 'e2', [run('a', 0)]);
    const oneRun = await version();
    expect(oneRun).not.toBe(empty);
    await store().scores.putScores('alpha', [
      scoreSchema.parse({
        id: 's1',
        traceId: run('a', 0).traceId,
        name: 'contains',
        value: 1,
        source: 'experiment',
        experimentId: 'e2',
        createdAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ]);
    const scored = await version();
    expect(scored).not.toBe(oneRun);
    // Rewriting a run (same item and repeat, same count) in the same millisecond still moves it.
    await experiments().putRuns('alpha', 'e2', [run('a', 0, { output: 'first' })]);
    const rewritten = await version();
    await experiments().putRuns('alpha', 'e2', [run('a', 0, { output: 'second' })]);
    expect(await version()).not.toBe(rewritten);
    expect(rewritten).not.toBe(scored);
    const latest = await version();
    // Another project's runs, another experiment's runs: no change.
    await experiments().putRuns('beta', 'e2', [run('a', 0)]);
    await experiments().create('alpha', experiment('e3'));
    await experiments().putRuns('alpha', 'e3', [run('z', 0)]);
    expect(await version()).toBe(latest);
  });
}
