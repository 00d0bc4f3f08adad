import type { ScoreSeriesPoint } from '../api/online-evals-api';
import { type AlignedSeries, bucketTimes, maxGroups } from './metric-series';

export type ScoreMetric = 'mean' | 'passRate' | 'count';

/** Score buckets as wide as the metrics' for the same window: about 60 points, whole minutes at least. */
export function scoreBucketSeconds(windowMs: number): number {
  const choices = [60, 300, 900, 3600, 21_600, 86_400];
  return choices.find((seconds) => windowMs / 1000 / seconds <= 120) ?? 86_400;
}

/** The groups with the most scores in the window, most first. */
export function rankScoreGroups(points: readonly ScoreSeriesPoint[]): string[] {
  const totals = new Map<string, number>();
  for (const point of points) totals.set(point.group, (totals.get(point.group) ?? 0) + point.count);
  return [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
}

/**
 * One chart's series: a line per group (the busiest `maxGroups`) on the window's bucket axis. Means and
 * pass rates are gaps where a bucket has no scores (or none with pass/fail); counts are 0 there.
 */
export function alignScoreSeries(
  points: readonly ScoreSeriesPoint[],
  window: { fromMs: number; toMs: number },
  bucketSeconds: number,
  metric: ScoreMetric,
): AlignedSeries {
  const times = bucketTimes(window.fromMs, window.toMs, bucketSeconds);
  const byKey = new Map(
    points.map((point) => [`${point.group}\u0000${Date.parse(point.bucketStart)}`, point]),
  );
  const groups = rankScoreGroups(points).slice(0, maxGroups);
  return {
    times: times.map((time) => time / 1000),
    series: (groups.length > 0 ? groups : ['']).map((group) => ({
      label: group === '' ? 'all' : group,
      values: times.map((time) => {
        const point = byKey.get(`${group}\u0000${time}`);
        if (metric === 'count') return point?.count ?? 0;
        if (!point || point.count === 0) return null;
        return metric === 'mean' ? point.mean : point.passRate === null ? null : point.passRate * 100;
      }),
    })),
  };
}
