import { type CanonicalSpan, metricsQuerySchema } from '@sextant/core';
import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

/** Monitoring aggregates: buckets, latency percentiles from log bins, groupings, unknown costs. */
export function registerMetricsCases(
  test: ContractTest,
  current: () => Store,
  makeSpan: (overrides?: Partial<CanonicalSpan>) => CanonicalSpan,
) {
  test('aggregates metrics per bucket with latency percentiles within 1.3% of nearest-rank', async () => {
    const hour = 3_600_000_000;
    const base = 1_700_000_000_000_000 - (1_700_000_000_000_000 % hour);
    // Bucket 1: 100 traces lasting 1..100 ms, every 10th failing, 10 input tokens each on an llm span;
    // the odd ones priced at 0.01, the even ones unpriced (unknown cost).
    const first = Array.from({ length: 100 }, (_, index) =>
      makeSpan({
        name: index % 2 ? 'odd' : 'even',
        kind: 'llm',
        model: index % 4 ? 'gpt-4o' : 'claude',
        startTimeUs: base + index * 1000,
        endTimeUs: base + index * 1000 + (index + 1) * 1000,
        status: index % 10 === 0 ? 'error' : 'ok',
        inputTokens: 10,
        outputTokens: 1,
        cost: index % 2 ? 0.01 : null,
        tags: index < 30 ? ['beta'] : [],
      }),
    );
    // Bucket 2: 3 traces of 5 ms.
    const second = Array.from({ length: 3 }, (_, index) =>
      makeSpan({ name: 'odd', startTimeUs: base + hour + index, endTimeUs: base + hour + index + 5000 }),
    );
    await current().insertSpans('alpha', [...first, ...second]);
    const window = {
      from: new Date(base / 1000),
      to: new Date((base + 2 * hour) / 1000),
      bucket: 'hour' as const,
    };
    const overall = await current().queryMetrics('alpha', metricsQuerySchema.parse(window));
    expect(overall.bucketSeconds).toBe(3600);
    expect(overall.points).toHaveLength(2);
    expect(overall.points[0]).toMatchObject({
      time: base / 1000,
      group: null,
      requests: 100,
      errors: 10,
      errorRate: 0.1,
      inputTokens: 1000,
      outputTokens: 100,
    });
    // Percentiles come from 2.5%-wide log bins: within 1.3% of the exact nearest-rank 50, 95 and 99 ms.
    const [p50, p95, p99] = [
      overall.points[0]?.latencyP50Ms,
      overall.points[0]?.latencyP95Ms,
      overall.points[0]?.latencyP99Ms,
    ];
    expect(Math.abs((p50 ?? 0) / 50 - 1)).toBeLessThan(0.013);
    expect(Math.abs((p95 ?? 0) / 95 - 1)).toBeLessThan(0.013);
    expect(Math.abs((p99 ?? 0) / 99 - 1)).toBeLessThan(0.013);
    // Known costs sum; a bucket whose requests all have unknown costs reports null, not 0.
    expect(overall.points[0]?.cost).toBeCloseTo(0.5);
    expect(overall.points[1]).toMatchObject({ requests: 3, errors: 0, cost: null });
    expect(Math.abs((overall.points[1]?.latencyP99Ms ?? 0) / 5 - 1)).toBeLessThan(0.013);

    const byModel = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, groupBy: 'model' }),
    );
    expect(byModel.groups.sort()).toEqual(['claude', 'gpt-4o']);
    expect(byModel.points.find((point) => point.group === 'claude')?.requests).toBe(25);
    // claude calls are every 4th index: all even, so all unpriced.
    expect(byModel.points.find((point) => point.group === 'claude')?.cost).toBeNull();
    const byName = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, groupBy: 'name' }),
    );
    expect(byName.points.filter((point) => point.group === 'odd').map((point) => point.requests)).toEqual([
      50, 3,
    ]);
    const firstBucketCost = (group: string) =>
      byName.points.find((point) => point.group === group && point.time === base / 1000)?.cost;
    expect(firstBucketCost('odd')).toBeCloseTo(0.5);
    expect(firstBucketCost('even')).toBeNull();
    const byTag = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, groupBy: 'tag' }),
    );
    expect(byTag.points).toMatchObject([{ group: 'beta', requests: 30 }]);

    expect((await current().queryMetrics('beta', metricsQuerySchema.parse(window))).points).toEqual([]);
  });

  test('trace metrics stay exact when a later batch moves a trace to another hour, name, tag and latency', async () => {
    const hour = 3_600_000_000;
    const minute = 60_000_000;
    const base = 1_700_000_000_000_000 - (1_700_000_000_000_000 % (24 * hour));
    const traceId = 'ab'.repeat(16);
    // First batch: only a 5 ms child at 02:10, so the trace is 'retrieve', untagged, ok, unpriced.
    const child = makeSpan({
      traceId,
      parentSpanId: 'cd'.repeat(8),
      name: 'retrieve',
      startTimeUs: base + 2 * hour + 10 * minute,
      endTimeUs: base + 2 * hour + 10 * minute + 5000,
      tags: [],
    });
    const other = makeSpan({
      name: 'other',
      startTimeUs: base + 2 * hour + minute,
      endTimeUs: base + 2 * hour + minute + 3000,
      tags: [],
    });
    await current().insertSpans('alpha', [child, other]);
    // Second batch: the root, from 01:30 to 02:20, failing, tagged and priced: the trace changes hour too.
    const root = makeSpan({
      traceId,
      spanId: 'cd'.repeat(8),
      parentSpanId: null,
      name: 'answer',
      kind: 'llm',
      startTimeUs: base + hour + 30 * minute,
      endTimeUs: base + 2 * hour + 20 * minute,
      status: 'error',
      inputTokens: 7,
      cost: 0.01,
      tags: ['beta'],
    });
    await current().insertSpans('alpha', [root]);
    const window = { from: new Date((base + 30 * minute) / 1000), to: new Date((base + 3.5 * hour) / 1000) };
    const metrics = (bucket: 'hour' | 'day' | 'minute', groupBy: 'none' | 'name' | 'tag') =>
      current().queryMetrics('alpha', metricsQuerySchema.parse({ ...window, bucket, groupBy }));

    const hourly = await metrics('hour', 'none');
    expect(hourly.points).toMatchObject([
      { time: (base + hour) / 1000, requests: 1, errors: 1, inputTokens: 7 },
      { time: (base + 2 * hour) / 1000, requests: 1, errors: 0, inputTokens: 0, cost: null },
    ]);
    expect(hourly.points[0]?.cost).toBeCloseTo(0.01, 9);
    // 50 minutes, within a log bin.
    expect(Math.abs((hourly.points[0]?.latencyP50Ms ?? 0) / 3_000_000 - 1)).toBeLessThan(0.013);

    const byName = await metrics('day', 'name');
    expect(byName.groups.sort()).toEqual(['answer', 'other']);
    expect(byName.points.map((point) => [point.group, point.requests, point.errors]).sort()).toEqual([
      ['answer', 1, 1],
      ['other', 1, 0],
    ]);
    const byTag = await metrics('day', 'tag');
    expect(byTag.points).toMatchObject([{ group: 'beta', requests: 1, errors: 1 }]);
    // Minute buckets read the traces themselves: the same totals.
    const raw = await metrics('minute', 'none');
    expect(raw.points.map((point) => [point.time, point.requests])).toEqual([
      [(base + hour + 30 * minute) / 1000, 1],
      [(base + 2 * hour + minute) / 1000, 1],
    ]);
  });

  test('trace metrics count each trace once when batches of the same traces are written at once', async () => {
    const hour = 3_600_000_000;
    const base = 1_700_000_000_000_000 - (1_700_000_000_000_000 % (24 * hour));
    // 12 traces of 4 spans each; the 4 batches each hold one span of every trace and are written together.
    const batches = Array.from({ length: 4 }, (_, slot) =>
      Array.from({ length: 12 }, (_, trace) =>
        makeSpan({
          traceId: (0xc0c0_0000 + trace).toString(16).padStart(32, '0'),
          ...(slot === 0 ? { spanId: 'ef'.repeat(8), parentSpanId: null } : { parentSpanId: 'ef'.repeat(8) }),
          name: slot === 0 ? 'root' : `step-${slot}`,
          startTimeUs: base + hour + trace * 60_000_000 + slot * 1000,
          endTimeUs: base + hour + trace * 60_000_000 + slot * 1000 + (slot + 1) * 1000,
          status: slot === 3 && trace % 2 === 0 ? 'error' : 'ok',
          tags: [`t${slot}`],
        }),
      ),
    );
    await Promise.all(batches.map((batch) => current().insertSpans('alpha', batch)));
    const window = { from: new Date(base / 1000), to: new Date((base + 3 * hour) / 1000) };
    const byName = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, bucket: 'day', groupBy: 'name' }),
    );
    expect(byName.points).toMatchObject([{ group: 'root', requests: 12, errors: 6 }]);
    const byTag = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, bucket: 'day', groupBy: 'tag' }),
    );
    expect(byTag.points.map((point) => [point.group, point.requests]).sort()).toEqual([
      ['t0', 12],
      ['t1', 12],
      ['t2', 12],
      ['t3', 12],
    ]);
  });

  test('model metrics over whole hours and partial edges agree with the calls, re-sent spans counted once', async () => {
    const hour = 3_600_000_000;
    const day = 24 * hour;
    const base = 1_700_000_000_000_000 - (1_700_000_000_000_000 % day);
    // 40 calls every 6 minutes from 00:00, lasting 1..40 ms; every 8th fails; odd ones priced at 0.002.
    const calls = Array.from({ length: 40 }, (_, index) =>
      makeSpan({
        kind: index % 5 === 0 ? 'embedding' : 'llm',
        model: index % 3 === 0 ? null : 'gpt-4o',
        startTimeUs: base + index * (hour / 10),
        endTimeUs: base + index * (hour / 10) + (index + 1) * 1000,
        status: index % 8 === 0 ? 'error' : 'ok',
        inputTokens: index,
        outputTokens: 2,
        cost: index % 2 ? 0.002 : null,
      }),
    );
    const notACall = makeSpan({ kind: 'retrieval', model: 'gpt-4o', startTimeUs: base + hour });
    await current().insertSpans('alpha', [...calls, notACall]);
    await current().insertSpans('alpha', calls.slice(0, 20)); // a re-sent batch changes nothing
    // 00:30 to 03:30: half an hour of edge on each side of three whole hours, in one day bucket.
    const window = { from: new Date((base + hour / 2) / 1000), to: new Date((base + 3.5 * hour) / 1000) };
    const inWindow = calls.filter(
      (span) => span.startTimeUs >= base + hour / 2 && span.startTimeUs < base + 3.5 * hour,
    );
    const result = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, bucket: 'day', groupBy: 'model' }),
    );
    expect(result.groups.sort()).toEqual(['(unknown)', 'gpt-4o']);
    for (const group of ['(unknown)', 'gpt-4o']) {
      const expected = inWindow.filter((span) => (span.model ?? '(unknown)') === group);
      const point = result.points.find((candidate) => candidate.group === group);
      expect(point).toMatchObject({
        time: base / 1000,
        requests: expected.length,
        errors: expected.filter((span) => span.status === 'error').length,
        inputTokens: expected.reduce((sum, span) => sum + (span.inputTokens ?? 0), 0),
        outputTokens: 2 * expected.length,
      });
      const cost = expected.reduce((sum, span) => sum + (span.cost ?? 0), 0);
      expect(point?.cost ?? 0).toBeCloseTo(cost, 9);
      // Nearest-rank median of the durations, within the 1.3% of a log bin.
      const durations = expected
        .map((span) => (span.endTimeUs - span.startTimeUs) / 1000)
        .sort((a, b) => a - b);
      const median = durations[Math.ceil(0.5 * durations.length) - 1] ?? 0;
      expect(Math.abs((point?.latencyP50Ms ?? 0) / median - 1)).toBeLessThan(0.013);
    }
    // Hourly buckets: the edge buckets hold only their half hour.
    const hourly = await current().queryMetrics(
      'alpha',
      metricsQuerySchema.parse({ ...window, bucket: 'hour', groupBy: 'model' }),
    );
    const perHour = [0, 1, 2, 3].map((offset) =>
      hourly.points
        .filter((point) => point.time === (base + offset * hour) / 1000)
        .reduce((sum, point) => sum + point.requests, 0),
    );
    expect(perHour).toEqual([5, 10, 10, 5]);
  });
}
