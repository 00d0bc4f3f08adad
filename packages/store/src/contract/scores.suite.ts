import { type Score, type ScoreInput, scoreSchema } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';
import type { makeSpan as MakeSpan } from './store-contract.suite.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const traceA = 'a'.repeat(32);
const traceB = 'b'.repeat(32);
const score = (input: Partial<ScoreInput> & { id: string }): Score =>
  scoreSchema.parse({
    traceId: traceA,
    name: 'f1',
    value: 0.5,
    source: 'api',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...input,
  });

/** Cases for `store.scores`, registered inside `runStoreContract` so every adapter runs them. */
export function registerScoreCases(test: ContractTest, store: () => Store, makeSpan: typeof MakeSpan) {
  const scores = () => store().scores;

  test('scores: round-trips every field and ignores an id written again', async () => {
    const full = score({
      id: 's1',
      spanId: '1'.repeat(16),
      label: 'good',
      passed: true,
      explanation: 'all tokens matched',
      comment: 'checked by hand',
      source: 'experiment',
      evaluatorName: 'token-f1',
      evaluatorVersion: '1',
      author: 'ci',
      experimentId: 'exp-1',
    });
    const bare = score({ id: 's2', passed: false, value: 0 });
    expect(await scores().putScores('alpha', [full, bare])).toEqual({ inserted: 2 });
    expect(await scores().putScores('alpha', [{ ...full, value: 0.9 }])).toEqual({ inserted: 0 });
    const listed = await scores().listScores('alpha', {});
    expect(listed.find((entry) => entry.id === 's1')).toEqual(full);
    expect(listed.find((entry) => entry.id === 's2')).toEqual(bare);
    expect(await scores().listScores('beta', {})).toEqual([]);
    expect(await scores().putScores('beta', [full])).toEqual({ inserted: 1 });
  });

  test('scores: filters by traces, experiment, name, source and time; newest first with a limit', async () => {
    await scores().putScores('alpha', [
      score({ id: 'a', traceId: traceA, name: 'f1', createdAt: new Date(1000) }),
      score({ id: 'b', traceId: traceB, name: 'f1', source: 'human', createdAt: new Date(2000) }),
      score({
        id: 'c',
        traceId: traceB,
        name: 'bleu',
        source: 'experiment',
        experimentId: 'e',
        createdAt: new Date(3000),
      }),
    ]);
    const ids = async (query: Parameters<Store['scores']['listScores']>[1]) =>
      (await scores().listScores('alpha', query)).map((entry) => entry.id);
    expect(await ids({})).toEqual(['c', 'b', 'a']);
    expect(await ids({ traceIds: [traceA] })).toEqual(['a']);
    expect(await ids({ traceIds: [] })).toEqual([]);
    expect(await ids({ experimentId: 'e' })).toEqual(['c']);
    expect(await ids({ name: 'f1' })).toEqual(['b', 'a']);
    expect(await ids({ source: 'human' })).toEqual(['b']);
    expect(await ids({ since: new Date(2000), until: new Date(3000) })).toEqual(['b']);
    expect(await ids({ limit: 1 })).toEqual(['c']);
  });

  test('scores: series buckets count, mean and pass rate, grouped by name, release or prompt', async () => {
    const hour = 3_600_000;
    const start = new Date(Date.UTC(2026, 0, 1));
    const at = (offsetMs: number) => new Date(start.getTime() + offsetMs);
    const traceR1 = '1'.repeat(32);
    const traceR2 = '2'.repeat(32);
    await store().insertSpans('alpha', [
      makeSpan({ traceId: traceR1, releaseId: 'bot@1', promptName: 'answer', promptVersion: '3' }),
      makeSpan({ traceId: traceR2, releaseId: 'bot@2' }),
    ]);
    await scores().putScores('alpha', [
      score({ id: '1', traceId: traceR1, value: 1, passed: true, createdAt: at(10) }),
      score({ id: '2', traceId: traceR2, value: 0, passed: false, createdAt: at(20) }),
      score({ id: '3', traceId: traceR2, value: 0.5, createdAt: at(30) }),
      score({ id: '4', traceId: traceR1, name: 'bleu', value: 0.2, createdAt: at(hour + 5) }),
      score({ id: 'late', traceId: traceR1, value: 1, createdAt: at(5 * hour) }),
    ]);
    const window = { start, end: at(2 * hour), bucketSeconds: 3600 };
    expect(await scores().scoreSeries('alpha', window)).toEqual([
      { bucketStart: start, group: '', count: 3, mean: 0.5, passRate: 0.5 },
      { bucketStart: at(hour), group: '', count: 1, mean: 0.2, passRate: null },
    ]);
    const byName = await scores().scoreSeries('alpha', { ...window, groupBy: 'name' });
    expect(byName.map((point) => [point.group, point.count])).toEqual([
      ['f1', 3],
      ['bleu', 1],
    ]);
    const byRelease = await scores().scoreSeries('alpha', { ...window, name: 'f1', groupBy: 'release' });
    expect(byRelease.map((point) => [point.group, point.count, point.mean])).toEqual([
      ['bot@1', 1, 1],
      ['bot@2', 2, 0.25],
    ]);
    const byPrompt = await scores().scoreSeries('alpha', { ...window, name: 'f1', groupBy: 'prompt' });
    expect(byPrompt.map((point) => [point.group, point.count])).toEqual([
      ['(none)', 2],
      ['answer@3', 1],
    ]);
    expect(await scores().scoreSeries('beta', window)).toEqual([]);
  });
}
