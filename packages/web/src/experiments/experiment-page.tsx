import { useState } from 'react';
import { Link } from 'wouter';
import {
  type ExperimentSummary,
  experimentTarget,
  getExperiment,
  listExperiments,
} from '../api/experiments-api';
import { useResource } from '../api/use-resource';
import { formatCost, formatDuration } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, headClass, linkClass, selectClass } from '../ui/controls';
import { formatRate, formatScore, outputText } from './experiment-format';
import { IntervalBar } from './interval-bar';
import { useExperimentItems } from './use-experiment-items';

/** One experiment: aggregate scores with 95% intervals over every run, then its items page by page. */
export function ExperimentPage({ id }: { id: string }) {
  const client = useApiClient();
  const shown = useResource(`experiment:${id}`, (signal) => getExperiment(client, id, {}, signal));
  if (shown.error) return <ErrorPanel error={shown.error} onRetry={shown.reload} />;
  if (!shown.data) return <p className="p-4 text-slate-500 text-sm">Loading…</p>;
  const { experiment, summary } = shown.data;
  return (
    <div className="h-full overflow-auto">
      <div className="border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <div className="text-slate-500 text-xs">
          <Link href="/experiments" className={linkClass}>
            Experiments
          </Link>{' '}
          › {experiment.id}
        </div>
        <h1 className="font-semibold text-lg">{experiment.name}</h1>
        <p className="text-slate-600 text-sm" data-testid="experiment-facts">
          {experiment.datasetName} v{experiment.datasetVersion} · {experimentTarget(experiment)} ·{' '}
          {experiment.repeats} repeat(s) · {summary.runs}/{experiment.itemCount * experiment.repeats} runs ·{' '}
          {summary.errors} errors · {experiment.status}
          {summary.latencyMs &&
            ` · p50 ${formatDuration(summary.latencyMs.p50)}, p95 ${formatDuration(summary.latencyMs.p95)}`}
          {summary.cost !== null && ` · ${formatCost(summary.cost)}`}
        </p>
        <CompareWith id={experiment.id} datasetName={experiment.datasetName} />
      </div>
      <MetricsTable summary={summary} />
      <ItemsTable id={experiment.id} summary={summary} />
    </div>
  );
}

function CompareWith({ id, datasetName }: { id: string; datasetName: string }) {
  const client = useApiClient();
  const others = useResource('experiments', (signal) => listExperiments(client, signal));
  const [baseline, setBaseline] = useState('');
  const candidates = (others.data?.experiments ?? []).filter(
    (experiment) => experiment.id !== id && experiment.datasetName === datasetName,
  );
  if (candidates.length === 0) return null;
  return (
    <div className="mt-1 flex items-center gap-2 text-sm">
      <span className="text-slate-600">Compare against baseline</span>
      <select
        aria-label="Baseline experiment"
        className={selectClass}
        value={baseline}
        onChange={(event) => setBaseline(event.target.value)}
      >
        <option value="">choose…</option>
        {candidates.map((experiment) => (
          <option key={experiment.id} value={experiment.id}>
            {experiment.name} ({experiment.id})
          </option>
        ))}
      </select>
      {baseline && (
        <Link
          href={`/experiments/compare?baseline=${encodeURIComponent(baseline)}&candidate=${encodeURIComponent(id)}`}
          className={linkClass}
        >
          Open comparison
        </Link>
      )}
    </div>
  );
}

function MetricsTable({ summary }: { summary: ExperimentSummary }) {
  return (
    <section className="px-4 py-3">
      <h2 className="mb-1 font-medium text-sm">Scores (95% intervals; repeats clustered by item)</h2>
      <table className="border-collapse text-sm" data-testid="experiment-metrics">
        <thead className={headClass}>
          <tr>
            {[
              'Score',
              'Mean',
              'Mean 95% CI',
              'Interval',
              'Pass rate',
              'Pass rate 95% CI',
              'Items',
              'Flaky items',
            ].map((header) => (
              <th key={header} scope="col" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.metrics.map((metric) => (
            <tr key={metric.name} className="border-slate-100 border-b">
              <td className="px-2 py-1 font-medium">{metric.name}</td>
              <td className="px-2 py-1 tabular-nums">{formatScore(metric.mean.estimate)}</td>
              <td className="px-2 py-1 text-slate-600 tabular-nums">
                [{formatScore(metric.mean.lower)}, {formatScore(metric.mean.upper)}]
              </td>
              <td className="px-2 py-1">
                <IntervalBar {...(metric.passRate ?? metric.mean)} label={`${metric.name} interval`} />
              </td>
              <td className="px-2 py-1 tabular-nums">
                {metric.passRate ? formatRate(metric.passRate.estimate) : ''}
              </td>
              <td className="px-2 py-1 text-slate-600 tabular-nums">
                {metric.passRate
                  ? `[${formatRate(metric.passRate.lower)}, ${formatRate(metric.passRate.upper)}]`
                  : ''}
              </td>
              <td className="px-2 py-1 tabular-nums">{metric.items}</td>
              <td className="px-2 py-1 tabular-nums">{metric.flakyItems}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ItemsTable({ id, summary }: { id: string; summary: ExperimentSummary }) {
  const names = summary.metrics.map((metric) => metric.name);
  const list = useExperimentItems(id, summary);
  const items = list.status === 'ok' ? list.items : [];
  const kind = list.onlyFlaky ? 'flaky items' : 'items';
  return (
    <section className="px-4 pb-6">
      <div className="mb-1 flex items-center gap-3">
        <h2 className="font-medium text-sm">Items</h2>
        <label className="text-slate-600 text-sm">
          <input
            type="checkbox"
            checked={list.onlyFlaky}
            onChange={(event) => list.setOnlyFlaky(event.target.checked)}
          />{' '}
          only flaky items
        </label>
      </div>
      <table className="w-full border-collapse text-sm" data-testid="experiment-items">
        <thead className={headClass}>
          <tr>
            {['Item', ...names, 'Flaky', 'Output', 'Traces'].map((header) => (
              <th key={header} scope="col" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId} className="border-slate-100 border-b align-top" data-item={item.itemId}>
              <td className="whitespace-nowrap px-2 py-1 font-medium">{item.itemId}</td>
              {names.map((name) => (
                <td key={name} className="px-2 py-1 tabular-nums">
                  {formatScore(item.means[name])}
                </td>
              ))}
              <td className="px-2 py-1">
                {item.flakyOn.length > 0 && (
                  <span
                    className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-800 text-xs"
                    title={item.flakyOn.join(', ')}
                  >
                    flaky
                  </span>
                )}
              </td>
              <td className="w-full max-w-0 px-2 py-1">
                {item.runs.map((run) => (
                  <div
                    key={run.repeat}
                    className="truncate text-slate-700"
                    title={run.error ?? outputText(run.output)}
                  >
                    {run.error ? (
                      <span className="text-red-700">error: {run.error}</span>
                    ) : (
                      outputText(run.output)
                    )}
                  </div>
                ))}
              </td>
              <td className="whitespace-nowrap px-2 py-1">
                {item.runs.map((run) => (
                  <div key={run.repeat}>
                    <Link href={`/traces/${run.traceId}`} className={linkClass}>
                      run {run.repeat + 1}
                    </Link>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.status === 'loading' && <p className="py-2 text-slate-500 text-sm">Loading {kind}…</p>}
      {list.status === 'ok' && (
        <div className="flex items-center gap-3 py-2 text-slate-500 text-sm">
          <span data-testid="experiment-items-count">
            {list.total === 0
              ? `No ${kind}.`
              : `Showing ${items.length.toLocaleString('en-US')} of ${list.total.toLocaleString('en-US')} ${kind}, by item id.`}
          </span>
          {list.hasMore && (
            <button type="button" className={buttonClass} disabled={list.loadingMore} onClick={list.loadMore}>
              {list.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
      )}
      {list.error && <ErrorPanel error={list.error} />}
    </section>
  );
}
