import type { MetricPoint, MetricsResult } from '@sextant/core';
import { type LatencyHistogram, percentileFromHistogram } from '../latency-histogram.js';

/** Sums of one (bucket, group, latency bin) cell of a metrics query. */
export interface BinRow {
  bucket: number;
  grp: string | null;
  bin: number;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  /** Null when no row of the bin had a known cost. */
  cost: number | null;
}

function foldBins(rows: readonly BinRow[]): MetricPoint[] {
  const points = new Map<string, MetricPoint & { histogram: LatencyHistogram }>();
  for (const row of rows) {
    const key = `${row.bucket}\u0000${row.grp}`;
    let point = points.get(key);
    if (!point) {
      point = {
        time: Number(row.bucket) / 1000,
        group: row.grp,
        requests: 0,
        errors: 0,
        errorRate: 0,
        latencyP50Ms: 0,
        latencyP95Ms: 0,
        latencyP99Ms: 0,
        inputTokens: 0,
        outputTokens: 0,
        cost: null,
        histogram: new Map(),
      };
      points.set(key, point);
    }
    point.requests += row.requests;
    point.errors += row.errors;
    point.inputTokens += row.input_tokens;
    point.outputTokens += row.output_tokens;
    if (row.cost !== null) point.cost = (point.cost ?? 0) + row.cost;
    // The rollup and the edge spans can both fill one bin of a bucket.
    point.histogram.set(Number(row.bin), (point.histogram.get(Number(row.bin)) ?? 0) + row.requests);
  }
  return [...points.values()]
    .map(({ histogram, ...point }) => ({
      ...point,
      errorRate: point.requests > 0 ? point.errors / point.requests : 0,
      latencyP50Ms: percentileFromHistogram(histogram, 0.5) / 1000,
      latencyP95Ms: percentileFromHistogram(histogram, 0.95) / 1000,
      latencyP99Ms: percentileFromHistogram(histogram, 0.99) / 1000,
    }))
    .sort((a, b) => a.time - b.time || String(a.group).localeCompare(String(b.group)));
}

/** The metrics of a window from its cells; `groups` lists the groups that have a point. */
export function toMetricsResult(rows: readonly BinRow[], bucketSeconds: number): MetricsResult {
  const points = foldBins(rows);
  const groups = [
    ...new Set(points.map((point) => point.group).filter((group): group is string => group !== null)),
  ];
  return { bucketSeconds, groups, points };
}
