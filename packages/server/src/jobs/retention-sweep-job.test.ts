import { type CanonicalSpan, emptySpan, traceQuerySchema } from '@sextant/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp } from '../test-support/otlp-payload.js';
import { JobRunner } from './job-runner.js';
import { nextLimit, runRetentionSweep, sweepRetention } from './retention-sweep-job.js';

const day = 86_400_000;
let live: LiveServer;
beforeEach(async () => {
  live = await startLiveServer({ jobs: false });
});
afterEach(() => live.stop());

let counter = 0;
function span(endMs: number, overrides: Partial<CanonicalSpan> = {}): CanonicalSpan {
  counter += 1;
  return {
    ...emptySpan({
      traceId: (0x7e7e_0000_0000 + counter).toString(16).padStart(32, '0'),
      spanId: (0x7e7e_0000 + counter).toString(16).padStart(16, '0'),
      name: 'old',
      startTimeUs: (endMs - 1000) * 1000,
      endTimeUs: endMs * 1000,
    }),
    ...overrides,
  };
}

describe("'retention.sweep' jobs", () => {
  it('sizes trace batches to hold the write lock for about the target time', () => {
    expect(nextLimit(100, 40, 15)).toBe(50);
    expect(nextLimit(100, 5, 15)).toBe(200);
    expect(nextLimit(100, 15, 15)).toBe(100);
    expect(nextLimit(12, 1000, 15)).toBe(10);
    expect(nextLimit(400, 1, 15)).toBe(500);
  });

  it('does nothing while retention is off (the default)', async () => {
    await live.store.insertSpans('alpha', [span(Date.now() - 400 * day)]);
    const result = await sweepRetention(live.store, 'alpha', new AbortController().signal);
    expect(result).toEqual({ cutoff: null, traces: 0, spans: 0, scores: 0, jobs: 0 });
    expect((await live.store.listTraces('alpha', traceQuerySchema.parse({}))).traces).toHaveLength(1);
  });

  it('deletes traces, scores and finished jobs older than the cutoff and nothing newer', async () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const cutoff = now - 30 * day;
    const store = live.store;
    const justOld = span(cutoff - 60_000);
    const justNew = span(cutoff + 60_000);
    const otherProject = span(cutoff - 60_000);
    await store.insertSpans('alpha', [justOld, justNew]);
    await store.insertSpans('beta', [otherProject]);
    const score = (id: string, traceId: string, at: number) => ({
      id,
      traceId,
      name: 'quality',
      value: 1,
      source: 'online' as const,
      createdAt: new Date(at),
    });
    await store.scores.putScores('alpha', [
      score('old', justOld.traceId, cutoff - 60_000),
      score('new', justNew.traceId, cutoff + 60_000),
    ]);
    const finished = await store.jobs.enqueue({ projectId: 'alpha', kind: 'done-long-ago' });
    await store.jobs.claim({ workerId: 'w', leaseMs: 1000, limit: 1 });
    await store.jobs.complete(finished.id, 'w');
    const waiting = await store.jobs.enqueue({
      projectId: 'alpha',
      kind: 'waiting',
      runAt: new Date(now + day),
    });
    await store.retention.set('alpha', 30);
    await store.retention.set('beta', 30);

    const result = await sweepRetention(store, 'alpha', new AbortController().signal, {
      now: () => new Date(now),
    });
    expect(result).toMatchObject({ traces: 1, spans: 1, scores: 1, jobs: 0 });
    expect(await store.getTrace('alpha', justOld.traceId)).toBeNull();
    expect(await store.getTrace('alpha', justNew.traceId)).not.toBeNull();
    expect(await store.getTrace('beta', otherProject.traceId)).not.toBeNull();
    expect((await store.scores.listScores('alpha', {})).map((entry) => entry.id)).toEqual(['new']);

    // The job finished just now (the real clock): only a sweep a month from now may delete it.
    const later = await sweepRetention(store, 'alpha', new AbortController().signal, {
      now: () => new Date(Date.now() + 31 * day),
    });
    expect(later.jobs).toBe(1);
    expect((await store.jobs.list('alpha')).map((job) => job.id)).toEqual([waiting.id]);
  });

  it('lets OTLP ingestion proceed while a large sweep runs, batch by batch', async () => {
    const store = live.store;
    const old = Date.now() - 100 * day;
    for (let batch = 0; batch < 12; batch += 1) {
      await store.insertSpans(
        'alpha',
        Array.from({ length: 1000 }, (_, index) => span(old + batch * 1000 + index)),
      );
    }
    await store.retention.set('alpha', 30);
    await store.jobs.enqueue({ projectId: 'alpha', kind: 'retention.sweep' });
    const runner = new JobRunner({ store }).register('retention.sweep', runRetentionSweep);

    let sweeping = true;
    const sweep = runner.tick().finally(() => {
      sweeping = false;
    });
    let acceptedDuringSweep = 0;
    const sent: string[] = [];
    while (sweeping) {
      const traceId = (0xf2e5_0000 + sent.length).toString(16).padStart(32, '0');
      const response = await postOtlp(live.url, live.keyA, otlpJson([{ traceId }]));
      expect(response.status).toBe(200);
      sent.push(traceId);
      if (sweeping) acceptedDuringSweep += 1;
    }
    expect(await sweep).toBe(1);
    // 12,000 traces take dozens of short transactions; requests were served between them.
    expect(acceptedDuringSweep).toBeGreaterThanOrEqual(3);
    const remaining = await store.listTraces('alpha', traceQuerySchema.parse({ limit: 500 }));
    expect(remaining.traces.map((trace) => trace.traceId).sort()).toEqual(sent.sort());
    const [audited] = await store.audit.list('alpha', { targetType: 'retention' });
    expect(audited).toMatchObject({
      actor: 'system',
      action: 'retention.sweep',
      after: { deleted: { traces: 12_000, spans: 12_000, scores: 0, jobs: 0 } },
    });
  });
});
