import { type DriftMonitor, driftMonitorInputSchema } from '@sextant/core/drift';
import { expect } from 'vitest';
import type { Store } from '../store.js';
import type { makeSpan as MakeSpan } from './store-contract.suite.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const monitor = (id: string, name = id): DriftMonitor => ({
  ...driftMonitorInputSchema.parse({
    name,
    reference: { type: 'range', start: '2026-01-01T00:00:00Z', end: '2026-01-08T00:00:00Z' },
  }),
  id,
  createdAt: new Date('2026-02-01T00:00:00Z'),
  updatedAt: new Date('2026-02-01T00:00:00Z'),
});

/** Cases for `store.drift`, registered inside `runStoreContract` so every adapter runs them. */
export function registerDriftCases(test: ContractTest, store: () => Store, makeSpan: typeof MakeSpan) {
  const drift = () => store().drift;

  test('drift: stores float32 embeddings once per key and encoder, per project', async () => {
    const vector = Float32Array.from([0.25, -1.5, 3.125, 1e-7]);
    const rows = [
      { traceId: 't1', spanId: 's1', vector },
      { traceId: 't2', spanId: 's2', vector: Float32Array.from([1, 2, 3, 4]) },
    ];
    expect(await drift().putEmbeddings('alpha', 'enc@1', 'input', rows)).toEqual({ inserted: 2 });
    const changed = [{ traceId: 't1', spanId: 's1', vector: Float32Array.from([9, 9, 9, 9]) }];
    expect(await drift().putEmbeddings('alpha', 'enc@1', 'input', changed)).toEqual({ inserted: 0 });
    const keys = [
      { traceId: 't1', spanId: 's1' },
      { traceId: 'missing', spanId: 's9' },
    ];
    const found = await drift().getEmbeddings('alpha', 'enc@1', 'input', keys);
    expect(found).toHaveLength(1);
    expect(Array.from(found[0]?.vector ?? [])).toEqual(Array.from(vector));
    expect(await drift().getEmbeddings('alpha', 'enc@2', 'input', keys)).toEqual([]);
    expect(await drift().getEmbeddings('alpha', 'enc@1', 'output', keys)).toEqual([]);
    expect(await drift().getEmbeddings('beta', 'enc@1', 'input', keys)).toEqual([]);
  });

  test('drift: lists root spans or model calls of a window, newest first, by release', async () => {
    const at = (seconds: number) => 1_800_000_000_000_000 + seconds * 1_000_000;
    const root = makeSpan({
      startTimeUs: at(10),
      endTimeUs: at(12),
      releaseId: 'bot@1',
      tags: ['prod'],
      input: { type: 'text', text: 'How do refunds work?' },
    });
    const call = makeSpan({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      kind: 'llm',
      model: 'gpt-4o',
      inputTokens: 12,
      startTimeUs: at(11),
      endTimeUs: at(12),
    });
    // Retrieval embedded the question first: the request's model is still the one that answered.
    const embedding = makeSpan({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      kind: 'embedding',
      model: 'text-embedding-3-small',
      startTimeUs: at(10),
      endTimeUs: at(11),
    });
    const later = makeSpan({ startTimeUs: at(20), endTimeUs: at(21), releaseId: 'bot@2' });
    const outside = makeSpan({ startTimeUs: at(100), endTimeUs: at(101) });
    await store().insertSpans('alpha', [embedding]);
    await store().insertSpans('alpha', [root, call, later, outside]);
    const window = { start: new Date(at(0) / 1000), end: new Date(at(50) / 1000), limit: 10 };
    const roots = await drift().listSpans('alpha', { ...window, spans: 'root' });
    expect(roots.map((span) => span.spanId)).toEqual([later.spanId, root.spanId]);
    expect(roots[1]).toMatchObject({
      durationMs: 2000,
      tags: ['prod'],
      releaseId: 'bot@1',
      model: 'gpt-4o',
      inputTokens: 12,
    });
    expect(roots[1]?.input).toEqual({ type: 'text', text: 'How do refunds work?' });
    const calls = await drift().listSpans('alpha', { ...window, spans: 'llm' });
    expect(calls.map((span) => [span.model, span.inputTokens])).toEqual([['gpt-4o', 12]]);
    expect(await drift().listSpans('alpha', { ...window, spans: 'root', releaseId: 'bot@2' })).toHaveLength(
      1,
    );
    expect(await drift().listSpans('alpha', { ...window, spans: 'root', limit: 1 })).toHaveLength(1);
    expect(await drift().listSpans('beta', { ...window, spans: 'root' })).toEqual([]);
    expect(await drift().releaseFirstSeen('alpha', 'bot@1')).toEqual(new Date(at(10) / 1000));
    expect(await drift().releaseFirstSeen('alpha', 'nope')).toBeNull();
  });

  test('drift: monitors round-trip, update in place, and stay in their project', async () => {
    const first = monitor('m1', 'support questions');
    await drift().putMonitor('alpha', first);
    expect(await drift().getMonitor('alpha', 'm1')).toEqual(first);
    const renamed = { ...first, name: 'renamed', updatedAt: new Date('2026-03-01T00:00:00Z') };
    await drift().putMonitor('alpha', renamed);
    await drift().putMonitor('alpha', monitor('m2'));
    expect((await drift().listMonitors('alpha')).map((entry) => entry.name)).toEqual(['renamed', 'm2']);
    expect(await drift().getMonitor('beta', 'm1')).toBeNull();
    expect(await drift().listMonitors('beta')).toEqual([]);
    expect(await drift().deleteMonitor('beta', 'm1')).toBe(false);
    expect(await drift().deleteMonitor('alpha', 'm1')).toBe(true);
    expect(await drift().getMonitor('alpha', 'm1')).toBeNull();
  });

  test('drift: reports list newest first per monitor and go with their monitor', async () => {
    await drift().putMonitor('alpha', monitor('m1'));
    const report = (id: string, monitorId: string, minute: number) => ({
      id,
      monitorId,
      createdAt: new Date(Date.UTC(2026, 1, 1, 0, minute)),
      windowStart: new Date(Date.UTC(2026, 0, 31)),
      windowEnd: new Date(Date.UTC(2026, 1, 1)),
      drifted: minute % 2 === 0,
      body: { features: [{ feature: 'embeddings', pValue: 0.01 }], minute },
    });
    await drift().putReport('alpha', report('r1', 'm1', 1));
    await drift().putReport('alpha', report('r2', 'm1', 2));
    await drift().putReport('alpha', report('r3', 'm2', 3));
    expect(await drift().getReport('alpha', 'r2')).toEqual(report('r2', 'm1', 2));
    expect(await drift().getReport('beta', 'r2')).toBeNull();
    expect((await drift().listReports('alpha', {})).map((entry) => entry.id)).toEqual(['r3', 'r2', 'r1']);
    expect(
      (await drift().listReports('alpha', { monitorId: 'm1', limit: 1 })).map((entry) => entry.id),
    ).toEqual(['r2']);
    expect(await drift().listReports('beta', {})).toEqual([]);
    await drift().deleteMonitor('alpha', 'm1');
    expect((await drift().listReports('alpha', {})).map((entry) => entry.id)).toEqual(['r3']);
  });
}
