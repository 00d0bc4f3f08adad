import type { MetricPoint, MetricsResult } from '../api/types';

/** One line of a chart: values aligned with the shared x axis; null is a gap (no requests in that bucket). */
export interface Series {
  label: string;
  values: (number | null)[];
}

/** Series sharing one time axis, in seconds since the epoch (uPlot's unit). */
export interface AlignedSeries {
  times: number[];
  series: Series[];
}

export type MetricName = 'requests' | 'errorRate' | 'latency' | 'tokens' | 'cost';
export type Percentile = 'latencyP50Ms' | 'latencyP95Ms' | 'latencyP99Ms';

export const maxGroups = 8;

/** Bucket starts covering [from, to), aligned to the epoch like the store's buckets. */
export function bucketTimes(fromMs: number, toMs: number, bucketSeconds: number): number[] {
  const step = bucketSeconds * 1000;
  const times: number[] = [];
  for (let time = Math.floor(fromMs / step) * step; time < toMs; time += step) times.push(time);
  return times;
}

/** The groups to draw: the busiest `maxGroups` of the window, busiest first. */
export function topGroups(result: MetricsResult): { groups: (string | null)[]; hidden: number } {
  if (result.groups.length === 0) return { groups: [null], hidden: 0 };
  const totals = new Map<string, number>();
  for (const point of result.points) {
    if (point.group !== null) totals.set(point.group, (totals.get(point.group) ?? 0) + point.requests);
  }
  const ranked = [...result.groups].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  return { groups: ranked.slice(0, maxGroups), hidden: Math.max(0, ranked.length - maxGroups) };
}

/**
 * The series of one chart. Buckets without requests are 0 for counts and sums, and gaps for rates and
 * latencies (there is no latency of nothing). Ungrouped latency and tokens split into their parts.
 */
export function alignSeries(
  result: MetricsResult,
  window: { fromMs: number; toMs: number },
  metric: MetricName,
  percentile: Percentile = 'latencyP95Ms',
): AlignedSeries {
  const times = bucketTimes(window.fromMs, window.toMs, result.bucketSeconds);
  const { groups } = topGroups(result);
  const byKey = new Map<string, MetricPoint>();
  for (const point of result.points) byKey.set(`${point.group ?? ''}\u0000${point.time}`, point);
  const column = (group: string | null, read: (point: MetricPoint) => number, empty: 0 | null) =>
    times.map((time) => {
      const point = byKey.get(`${group ?? ''}\u0000${time}`);
      return point && point.requests > 0 ? read(point) : empty;
    });
  const grouped = groups[0] !== null;
  const series: Series[] = [];
  if (!grouped && metric === 'latency') {
    series.push({ label: 'p50', values: column(null, (point) => point.latencyP50Ms, null) });
    series.push({ label: 'p95', values: column(null, (point) => point.latencyP95Ms, null) });
    series.push({ label: 'p99', values: column(null, (point) => point.latencyP99Ms, null) });
  } else if (!grouped && metric === 'tokens') {
    series.push({ label: 'input', values: column(null, (point) => point.inputTokens, 0) });
    series.push({ label: 'output', values: column(null, (point) => point.outputTokens, 0) });
  } else {
    for (const group of groups) {
      const label = group ?? 'all';
      const read: Record<MetricName, [(point: MetricPoint) => number, 0 | null]> = {
        requests: [(point) => point.requests, 0],
        errorRate: [(point) => point.errorRate * 100, null],
        latency: [(point) => point[percentile], null],
        tokens: [(point) => point.inputTokens + point.outputTokens, 0],
        cost: [(point) => point.cost, 0],
      };
      const [reader, empty] = read[metric];
      series.push({ label, values: column(group, reader, empty) });
    }
  }
  return { times: times.map((time) => time / 1000), series };
}

/** Window totals for the summary tiles (from an ungrouped result, so nothing is counted twice). */
export function windowTotals(result: MetricsResult) {
  let requests = 0;
  let errors = 0;
  let tokens = 0;
  let cost = 0;
  for (const point of result.points) {
    requests += point.requests;
    errors += point.errors;
    tokens += point.inputTokens + point.outputTokens;
    cost += point.cost;
  }
  return { requests, errors, errorRate: requests > 0 ? errors / requests : null, tokens, cost };
}
