import { describe, expect, it } from 'vitest';
import { alignScoreSeries, rankScoreGroups, scoreBucketSeconds } from './score-series';

const minute = 60_000;
const start = Date.parse('2026-05-01T10:00:00Z');
const point = (minutes: number, group: string, count: number, mean: number, passRate: number | null) => ({
  bucketStart: new Date(start + minutes * minute).toISOString(),
  group,
  count,
  mean,
  passRate,
});

describe('score series for the monitoring charts', () => {
  const points = [
    point(0, 'bot@1', 2, 0.5, 0.5),
    point(2, 'bot@1', 1, 1, 1),
    point(1, 'bot@2', 5, 0.8, null),
    point(2, 'bot@2', 5, 0.6, null),
  ];
  const window = { fromMs: start, toMs: start + 4 * minute };

  it('draws one line per group, busiest first, with gaps where a bucket has no scores', () => {
    expect(rankScoreGroups(points)).toEqual(['bot@2', 'bot@1']);
    const mean = alignScoreSeries(points, window, 60, 'mean');
    expect(mean.times).toEqual([0, 1, 2, 3].map((index) => (start + index * minute) / 1000));
    expect(mean.series).toEqual([
      { label: 'bot@2', values: [null, 0.8, 0.6, null] },
      { label: 'bot@1', values: [0.5, null, 1, null] },
    ]);
  });

  it('shows pass rates in percent, gaps where no score had pass/fail, and counts as zeros', () => {
    const passRate = alignScoreSeries(points, window, 60, 'passRate');
    expect(passRate.series[1]).toEqual({ label: 'bot@1', values: [50, null, 100, null] });
    expect(passRate.series[0]?.values.every((value) => value === null)).toBe(true);
    expect(alignScoreSeries(points, window, 60, 'count').series[0]?.values).toEqual([0, 5, 5, 0]);
  });

  it('labels the single ungrouped line "all" and picks bucket widths of about a hundred points', () => {
    expect(alignScoreSeries([point(0, '', 3, 1, 1)], window, 60, 'mean').series).toEqual([
      { label: 'all', values: [1, null, null, null] },
    ]);
    expect(scoreBucketSeconds(3_600_000)).toBe(60);
    expect(scoreBucketSeconds(86_400_000)).toBe(900);
    expect(scoreBucketSeconds(30 * 86_400_000)).toBe(21_600);
  });
});
