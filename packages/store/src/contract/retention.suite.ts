import type { CanonicalSpan, Score } from '@sextant/core';
import { metricsQuerySchema, onlineEvalRuleInputSchema, traceQuerySchema } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;
type MakeSpan = (overrides?: Partial<CanonicalSpan>) => CanonicalSpan;

const day = 86_400_000;

/** Cases for `Store.retention`, registered inside `runStoreContract` so every adapter runs them. */
export function registerRetentionCases(test: ContractTest, store: () => Store, makeSpan: MakeSpan) {
  test('retention: off by default; a project’s setting is its own', async () => {
    expect(await store().retention.get('alpha')).toEqual({ days: null, updatedAt: null });
    const set = await store().retention.set('alpha', 30);
    expect(set.days).toBe(30);
    expect((await store().retention.get('alpha')).days).toBe(30);
    expect((await store().retention.get('beta')).days).toBeNull();
    await store().retention.set('alpha', null);
    expect((await store().retention.get('alpha')).days).toBeNull();
  });

  test('retention: deletes traces that ended before the cutoff with their spans, in limited batches', async () => {
    const now = Date.now();
    const at = (ms: number) => ms * 1000;
    const oldTraces = [40, 35, 32].map((age) => {
      const root = makeSpan({
        startTimeUs: at(now - age * day),
        endTimeUs: at(now - age * day + 1000),
        kind: 'llm',
        model: 'old-model',
        tags: ['old'],
        input: { type: 'text', text: `forgotten question ${age}` },
      });
      const child = makeSpan({
        traceId: root.traceId,
        parentSpanId: root.spanId,
        startTimeUs: root.startTimeUs,
        endTimeUs: root.endTimeUs,
      });
      return [root, child];
    });
    // Started before the cutoff but still running after it: kept, nothing newer than the cutoff goes.
    const straddling = makeSpan({ startTimeUs: at(now - 31 * day), endTimeUs: at(now - 29 * day) });
    const recent = makeSpan({ startTimeUs: at(now - day), endTimeUs: at(now - day + 1000), tags: ['old'] });
    await store().insertSpans('alpha', [...oldTraces.flat(), straddling, recent]);
    await store().insertSpans('beta', [oldTraces[0]![0]!]);

    const cutoff = new Date(now - 30 * day);
    expect(await store().retention.deleteTracesBefore('alpha', cutoff, 2)).toEqual({ traces: 2, spans: 4 });
    expect(await store().retention.deleteTracesBefore('alpha', cutoff, 2)).toEqual({ traces: 1, spans: 2 });
    expect(await store().retention.deleteTracesBefore('alpha', cutoff, 2)).toEqual({ traces: 0, spans: 0 });

    const list = async (input = {}) =>
      (await store().listTraces('alpha', traceQuerySchema.parse({ limit: 100, ...input }))).traces.map(
        (trace) => trace.traceId,
      );
    expect((await list()).sort()).toEqual([straddling.traceId, recent.traceId].sort());
    expect(await list({ q: 'forgotten' })).toEqual([]);
    expect(await list({ tags: ['old'] })).toEqual([recent.traceId]);
    expect(await list({ model: 'old-model' })).toEqual([]);
    expect(await store().getTrace('alpha', oldTraces[0]![0]!.traceId)).toBeNull();
    const metrics = await store().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({
        from: new Date(now - 60 * day),
        to: new Date(now),
        bucket: 'day',
        groupBy: 'model',
      }),
    );
    expect(metrics.groups).not.toContain('old-model');
    expect(await store().getTrace('beta', oldTraces[0]![0]!.traceId)).not.toBeNull();
  });

  test('retention: online evaluation still sees new traces after a sweep deleted the newest ones', async () => {
    const old = makeSpan({ startTimeUs: 1_000_000, endTimeUs: 2_000_000 });
    await store().insertSpans('alpha', [old]);
    const rule = await store().onlineEvals.createRule('alpha', {
      id: 'r1',
      ...onlineEvalRuleInputSchema.parse({ name: 'r1', evaluators: [{ name: 'json-valid' }] }),
    });
    expect((await store().retention.deleteTracesBefore('alpha', new Date(), 10)).traces).toBe(1);
    const fresh = makeSpan();
    await store().insertSpans('alpha', [fresh]);
    const cursor = (await store().onlineEvals.ruleCursor('alpha', rule.id))!;
    expect((await store().onlineEvals.newTraces('alpha', cursor, 10)).traceIds).toEqual([fresh.traceId]);
  });

  test('retention: deletes scores created before the cutoff, in limited batches', async () => {
    const span = makeSpan();
    await store().insertSpans('alpha', [span]);
    const score = (id: string, ageDays: number): Score => ({
      id,
      traceId: span.traceId,
      name: 'quality',
      value: 1,
      source: 'online',
      createdAt: new Date(Date.now() - ageDays * day),
    });
    await store().scores.putScores('alpha', [score('a', 40), score('b', 35), score('c', 1)]);
    await store().scores.putScores('beta', [score('a', 40)]);
    const cutoff = new Date(Date.now() - 30 * day);
    expect(await store().retention.deleteScoresBefore('alpha', cutoff, 1)).toBe(1);
    expect(await store().retention.deleteScoresBefore('alpha', cutoff, 10)).toBe(1);
    expect(await store().retention.deleteScoresBefore('alpha', cutoff, 10)).toBe(0);
    expect((await store().scores.listScores('alpha', {})).map((entry) => entry.id)).toEqual(['c']);
    expect(await store().scores.listScores('beta', {})).toHaveLength(1);
  });
}
