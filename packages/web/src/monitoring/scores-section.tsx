import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { getScoreSeries, type ScoreSeriesGroup } from '../api/online-evals-api';
import { useResource } from '../api/use-resource';
import { formatCount } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { linkClass, selectClass } from '../ui/controls';
import { alignScoreSeries, rankScoreGroups, scoreBucketSeconds } from './score-series';
import { TimeSeriesChart } from './time-series-chart';

const groupings: Record<Exclude<ScoreSeriesGroup, 'name'>, string> = {
  none: 'Nothing',
  release: 'Release',
  prompt: 'Prompt version',
};
const sources = { online: 'Online rules', all: 'All sources' } as const;
const formatMean = (value: number) => `${Number(value.toFixed(3))}`;
const formatRate = (percent: number) => `${Number(percent.toFixed(1))}%`;

/**
 * Monitoring › Scores: evaluation scores of production traces over the window, per release or prompt
 * version, so a quality drop after a release shows next to the latency and cost it came with.
 */
export function ScoresSection({ range }: { range: { fromMs: number; toMs: number } }) {
  const client = useApiClient();
  const [groupBy, setGroupBy] = useState<keyof typeof groupings>('release');
  const [source, setSource] = useState<keyof typeof sources>('online');
  const [chosenName, setChosenName] = useState<string | null>(null);
  const bucketSeconds = scoreBucketSeconds(range.toMs - range.fromMs);
  const base = {
    start: new Date(range.fromMs).toISOString(),
    end: new Date(range.toMs).toISOString(),
    bucketSeconds,
    ...(source === 'online' ? { source: 'online' as const } : {}),
  };
  const key = `${range.fromMs}:${range.toMs}:${source}`;
  const names = useResource(`score-names:${key}`, (signal) =>
    getScoreSeries(client, { ...base, groupBy: 'name' }, signal),
  );
  const nameOptions = useMemo(() => rankScoreGroups(names.data?.points ?? []), [names.data]);
  const name = chosenName && nameOptions.includes(chosenName) ? chosenName : (nameOptions[0] ?? null);
  const series = useResource(`scores:${key}:${name}:${groupBy}`, (signal) =>
    name === null ? Promise.resolve(null) : getScoreSeries(client, { ...base, groupBy, name }, signal),
  );
  const charts = useMemo(() => {
    const points = series.data?.points ?? [];
    return {
      mean: alignScoreSeries(points, range, bucketSeconds, 'mean'),
      passRate: alignScoreSeries(points, range, bucketSeconds, 'passRate'),
      count: alignScoreSeries(points, range, bucketSeconds, 'count'),
      hasPassFail: points.some((point) => point.passRate !== null),
      total: points.reduce((sum, point) => sum + point.count, 0),
    };
  }, [series.data, range, bucketSeconds]);
  const by = groupBy === 'none' ? '' : ` by ${groupings[groupBy].toLowerCase()}`;

  return (
    <section className="space-y-3 pt-2" aria-label="Scores">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold text-base">Scores</h2>
        {nameOptions.length > 0 && (
          <label className="flex items-center gap-1 text-sm">
            Score
            <select
              aria-label="Score"
              value={name ?? ''}
              onChange={(event) => setChosenName(event.target.value)}
              className={selectClass}
            >
              {nameOptions.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex items-center gap-1 text-sm">
          Split by
          <select
            aria-label="Split scores by"
            value={groupBy}
            onChange={(event) => setGroupBy(event.target.value as keyof typeof groupings)}
            className={selectClass}
          >
            {Object.entries(groupings).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          From
          <select
            aria-label="Score source"
            value={source}
            onChange={(event) => setSource(event.target.value as keyof typeof sources)}
            className={selectClass}
          >
            {Object.entries(sources).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {name && (
          <span className="text-slate-500 text-xs">{formatCount(charts.total)} scores in this window</span>
        )}
      </div>
      {names.error && <ErrorPanel error={names.error} onRetry={names.reload} />}
      {series.error && <ErrorPanel error={series.error} onRetry={series.reload} />}
      {names.data && nameOptions.length === 0 && (
        <p className="rounded border border-slate-200 bg-white px-3 py-2 text-slate-600 text-sm">
          No scores in this window.{' '}
          {source === 'online' ? (
            <>
              Online evaluation rules score production traces as they arrive:{' '}
              <Link href="/online-evals" className={linkClass}>
                create one
              </Link>
              .
            </>
          ) : (
            'Scores come from experiments, online rules, reviewers and the API.'
          )}
        </p>
      )}
      {name && series.data && (
        <div className="grid gap-3 xl:grid-cols-2" data-testid="score-charts">
          <TimeSeriesChart title={`Mean ${name}${by}`} data={charts.mean} format={formatMean} />
          {charts.hasPassFail && (
            <TimeSeriesChart title={`Pass rate ${name}${by}`} data={charts.passRate} format={formatRate} />
          )}
          <TimeSeriesChart title={`Scored traces${by}`} data={charts.count} format={formatCount} stepped />
        </div>
      )}
    </section>
  );
}
