import { useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import type { MetricsGroupBy, MetricsResult } from '../api/types';
import { useResource } from '../api/use-resource';
import {
  formatBucket,
  formatCost,
  formatCount,
  formatDuration,
  formatPercent,
} from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { alignSeries, type MetricName, type Percentile, topGroups, windowTotals } from './metric-series';
import { ScoresSection } from './scores-section';
import { TimeSeriesChart } from './time-series-chart';

const windows: Record<string, { label: string; milliseconds: number }> = {
  '1h': { label: '1 hour', milliseconds: 3_600_000 },
  '24h': { label: '24 hours', milliseconds: 86_400_000 },
  '7d': { label: '7 days', milliseconds: 7 * 86_400_000 },
  '30d': { label: '30 days', milliseconds: 30 * 86_400_000 },
};
// Module-level so charts are not rebuilt on every render.
const formatRate = (percent: number) => `${Number(percent.toFixed(1))}%`;
const groupings: Record<MetricsGroupBy, string> = {
  none: 'Nothing',
  model: 'Model',
  name: 'Trace name',
  tag: 'Tag',
};

/** Govern › Monitoring: volume, errors, latency, tokens and cost over a window, aggregated by the server. */
export function MonitoringPage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const windowName = Object.hasOwn(windows, params.get('window') ?? '')
    ? (params.get('window') as string)
    : '24h';
  const groupParam = params.get('groupBy') ?? '';
  const groupBy: MetricsGroupBy = Object.hasOwn(groupings, groupParam)
    ? (groupParam as MetricsGroupBy)
    : 'none';
  const [percentile, setPercentile] = useState<Percentile>('latencyP95Ms');
  const [refreshed, setRefreshed] = useState(() => Date.now());
  const range = useMemo(() => {
    const toMs = refreshed;
    return { fromMs: toMs - windows[windowName]!.milliseconds, toMs };
  }, [windowName, refreshed]);
  const query = (grouping: MetricsGroupBy) => ({
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    groupBy: grouping,
  });
  const key = `${range.fromMs}:${range.toMs}`;
  const grouped = useResource(`metrics:${key}:${groupBy}`, (signal) =>
    client.getMetrics(query(groupBy), signal),
  );
  const overall = useResource(`metrics:${key}:none`, (signal) =>
    groupBy === 'none' ? Promise.resolve(null) : client.getMetrics(query('none'), signal),
  );
  const totalsSource = groupBy === 'none' ? grouped.data : overall.data;
  const set = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(name, value);
      return next;
    });

  return (
    <div className="space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-semibold text-lg">Monitoring</h1>
        <fieldset
          className="ml-auto flex overflow-hidden rounded border border-slate-300 text-sm"
          aria-label="Window"
        >
          {Object.entries(windows).map(([name, { label }]) => (
            <button
              key={name}
              type="button"
              aria-pressed={name === windowName}
              onClick={() => set('window', name)}
              className={`px-2.5 py-1 ${name === windowName ? 'bg-indigo-600 text-white' : 'bg-white hover:bg-slate-50'}`}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <label className="flex items-center gap-1 text-sm">
          Group by
          <select
            aria-label="Group by"
            value={groupBy}
            onChange={(event) => set('groupBy', event.target.value)}
            className="rounded border border-slate-300 bg-white px-1.5 py-1"
          >
            {Object.entries(groupings).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => setRefreshed(Date.now())}
          className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50"
        >
          Refresh
        </button>
      </div>
      {grouped.status === 'error' && <ErrorPanel error={grouped.error} onRetry={grouped.reload} />}
      {totalsSource && <Totals result={totalsSource} />}
      {grouped.data && (
        <Charts
          result={grouped.data}
          range={range}
          groupBy={groupBy}
          percentile={percentile}
          setPercentile={setPercentile}
        />
      )}
      {!grouped.data && grouped.status === 'loading' && (
        <p className="text-slate-500 text-sm">Loading metrics…</p>
      )}
      {/* When the metrics call failed (a revoked key, say) the page already says why, once. */}
      {grouped.status !== 'error' && <ScoresSection range={range} />}
    </div>
  );
}

function Totals({ result }: { result: MetricsResult }) {
  const totals = windowTotals(result);
  const tiles = [
    ['Requests', formatCount(totals.requests)],
    ['Errors', `${formatCount(totals.errors)} (${formatPercent(totals.errorRate)})`],
    ['Tokens', formatCount(totals.tokens)],
    ['Cost', formatCost(totals.cost)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="metric-totals">
      {tiles.map(([label, value]) => (
        <div key={label} className="rounded border border-slate-200 bg-white px-3 py-2">
          <dt className="text-slate-500 text-xs">{label}</dt>
          <dd className="font-semibold text-lg">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Charts(props: {
  result: MetricsResult;
  range: { fromMs: number; toMs: number };
  groupBy: MetricsGroupBy;
  percentile: Percentile;
  setPercentile: (percentile: Percentile) => void;
}) {
  const { result, range, groupBy, percentile } = props;
  const series = useMemo(() => {
    const names: MetricName[] = ['requests', 'errorRate', 'latency', 'tokens', 'cost'];
    return Object.fromEntries(
      names.map((name) => [name, alignSeries(result, range, name, percentile)]),
    ) as Record<MetricName, ReturnType<typeof alignSeries>>;
  }, [result, range, percentile]);
  const { hidden } = topGroups(result);
  const bucket = formatBucket(result.bucketSeconds);
  const by = groupBy === 'none' ? '' : ` by ${groupings[groupBy].toLowerCase()}`;
  return (
    <>
      <p className="text-slate-500 text-xs">
        One point per {bucket}.{groupBy === 'model' ? ' Grouped by model, a request is one model call.' : ''}
        {hidden > 0
          ? ` Showing the ${result.groups.length - hidden} busiest of ${result.groups.length} groups.`
          : ''}
      </p>
      <div className="grid gap-3 xl:grid-cols-2">
        <TimeSeriesChart title={`Requests${by}`} data={series.requests} format={formatCount} stepped />
        <TimeSeriesChart title={`Error rate${by}`} data={series.errorRate} format={formatRate} />
        <div className="relative">
          {groupBy !== 'none' && (
            <select
              aria-label="Latency percentile"
              value={percentile}
              onChange={(event) => props.setPercentile(event.target.value as Percentile)}
              className="absolute top-2.5 right-3 z-10 rounded border border-slate-300 bg-white px-1 text-xs"
            >
              <option value="latencyP50Ms">p50</option>
              <option value="latencyP95Ms">p95</option>
              <option value="latencyP99Ms">p99</option>
            </select>
          )}
          <TimeSeriesChart
            title={
              groupBy === 'none'
                ? 'Latency p50 / p95 / p99'
                : `Latency ${percentile.slice(7, 10).toLowerCase()}${by}`
            }
            data={series.latency}
            format={formatDuration}
          />
        </div>
        <TimeSeriesChart title={`Tokens${by}`} data={series.tokens} format={formatCount} stepped />
        <TimeSeriesChart title={`Cost${by}`} data={series.cost} format={formatCost} note="USD" stepped />
      </div>
    </>
  );
}
