import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { compareExperiments, type ExperimentComparison, experimentTarget } from '../api/experiments-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass, linkClass, selectClass } from '../ui/controls';
import { SortHeader, type SortState } from '../ui/sort-header';
import { formatPValue, formatScore, formatSigned, outputText } from './experiment-format';
import { IntervalBar } from './interval-bar';

type SortField = 'delta' | 'item';

/** Baseline vs candidate: paired differences with intervals and p-values, then items side by side. */
export function ExperimentComparePage() {
  const client = useApiClient();
  const [params] = useSearchParams();
  const baseline = params.get('baseline') ?? '';
  const candidate = params.get('candidate') ?? '';
  const compared = useResource(`compare:${baseline}:${candidate}`, (signal) =>
    compareExperiments(client, baseline, candidate, signal),
  );
  if (compared.error) return <ErrorPanel error={compared.error} onRetry={compared.reload} />;
  if (!compared.data) return <p className="p-4 text-slate-500 text-sm">Loading…</p>;
  const { comparison } = compared.data;
  return (
    <div className="h-full overflow-auto">
      <div className="border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <div className="text-slate-500 text-xs">
          <Link href="/experiments" className={linkClass}>
            Experiments
          </Link>{' '}
          › compare
        </div>
        <h1 className="font-semibold text-lg">
          <Link href={`/experiments/${encodeURIComponent(baseline)}`} className="hover:underline">
            {compared.data.baseline.name}
          </Link>{' '}
          <span className="text-slate-400">vs</span>{' '}
          <Link href={`/experiments/${encodeURIComponent(candidate)}`} className="hover:underline">
            {compared.data.candidate.name}
          </Link>
        </h1>
        <p className="text-slate-600 text-sm">
          baseline {experimentTarget(compared.data.baseline)} · candidate{' '}
          {experimentTarget(compared.data.candidate)} · {comparison.items} shared items
          {comparison.onlyBaseline + comparison.onlyCandidate > 0 &&
            ` (${comparison.onlyBaseline} only in baseline, ${comparison.onlyCandidate} only in candidate)`}
        </p>
      </div>
      <DifferencesTable comparison={comparison} />
      <ItemsSideBySide comparison={comparison} />
    </div>
  );
}

function DifferencesTable({ comparison }: { comparison: ExperimentComparison }) {
  const span = Math.max(
    0.05,
    ...comparison.metrics.flatMap((metric) => [
      Math.abs(metric.interval.lower),
      Math.abs(metric.interval.upper),
    ]),
  );
  return (
    <section className="px-4 py-3">
      <h2 className="mb-1 font-medium text-sm">Candidate minus baseline (paired by item)</h2>
      <table className="border-collapse text-sm" data-testid="comparison-metrics">
        <thead className={headClass}>
          <tr>
            {[
              'Score',
              'Baseline',
              'Candidate',
              'Difference',
              '95% CI',
              'Interval',
              'p (sign-flip)',
              'McNemar b/c',
              'p (McNemar)',
            ].map((header) => (
              <th key={header} scope="col" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.metrics.map((metric) => (
            <tr key={metric.name} className="border-slate-100 border-b" data-metric={metric.name}>
              <td className="px-2 py-1 font-medium">{metric.name}</td>
              <td className="px-2 py-1 tabular-nums">{formatScore(metric.meanBaseline)}</td>
              <td className="px-2 py-1 tabular-nums">{formatScore(metric.meanCandidate)}</td>
              <td className="px-2 py-1 font-medium tabular-nums">{formatSigned(metric.meanDifference)}</td>
              <td className="px-2 py-1 text-slate-600 tabular-nums">
                [{formatSigned(metric.interval.lower)}, {formatSigned(metric.interval.upper)}]
              </td>
              <td className="px-2 py-1">
                <IntervalBar
                  estimate={metric.meanDifference}
                  lower={metric.interval.lower}
                  upper={metric.interval.upper}
                  min={-span}
                  max={span}
                  zero={0}
                  label={`${metric.name} difference interval`}
                />
              </td>
              <td className="px-2 py-1 tabular-nums">{formatPValue(metric.pValue.twoSided)}</td>
              <td className="px-2 py-1 tabular-nums">
                {metric.mcnemar ? `${metric.mcnemar.baselineOnly}/${metric.mcnemar.candidateOnly}` : ''}
              </td>
              <td className="px-2 py-1 tabular-nums">
                {metric.mcnemar ? formatPValue(metric.mcnemar.pValue.twoSided) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-slate-500 text-xs">
        b/c: items only the baseline passed / only the candidate passed. An interval that excludes 0 is a
        difference the data supports.
      </p>
    </section>
  );
}

function ItemsSideBySide({ comparison }: { comparison: ExperimentComparison }) {
  const names = comparison.metrics.map((metric) => metric.name);
  const [metric, setMetric] = useState(names[0] ?? '');
  const [sort, setSort] = useState<SortState<SortField>>({ field: 'delta', order: 'asc' });
  const rows = useMemo(() => {
    const sorted = [...comparison.itemComparisons].sort((a, b) =>
      sort.field === 'item'
        ? a.itemId.localeCompare(b.itemId)
        : (a.deltas[metric] ?? 0) - (b.deltas[metric] ?? 0),
    );
    return sort.order === 'asc' ? sorted : sorted.reverse();
  }, [comparison, metric, sort]);
  return (
    <section className="px-4 pb-6">
      <div className="mb-1 flex items-center gap-2">
        <h2 className="font-medium text-sm">Items</h2>
        <span className="text-slate-600 text-sm">delta of</span>
        <select
          aria-label="Score to sort by"
          className={selectClass}
          value={metric}
          onChange={(event) => setMetric(event.target.value)}
        >
          {names.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <span className="text-slate-500 text-xs">(ascending: regressions first)</span>
      </div>
      <table className="w-full table-fixed border-collapse text-sm" data-testid="comparison-items">
        <thead className={headClass}>
          <tr>
            <SortHeader field="item" label="Item" sort={sort} onSort={setSort} />
            <SortHeader field="delta" label={`Δ ${metric}`} sort={sort} onSort={setSort} />
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Baseline output
            </th>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Candidate output
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((item) => {
            const delta = item.deltas[metric];
            const tone =
              delta === undefined || delta === 0 ? '' : delta < 0 ? 'text-red-700' : 'text-emerald-700';
            return (
              <tr key={item.itemId} className="border-slate-100 border-b align-top" data-item={item.itemId}>
                <td className="truncate px-2 py-1 font-medium">{item.itemId}</td>
                <td className={`px-2 py-1 font-medium tabular-nums ${tone}`}>{formatSigned(delta)}</td>
                {[item.baseline, item.candidate].map((side, index) => (
                  <td key={index === 0 ? 'baseline' : 'candidate'} className="px-2 py-1">
                    {side.runs.map((run) => (
                      <div
                        key={run.repeat}
                        className="truncate text-slate-700"
                        title={run.error ?? outputText(run.output)}
                      >
                        <Link
                          href={`/traces/${run.traceId}`}
                          className="mr-1 text-indigo-700 text-xs hover:underline"
                        >
                          #{run.repeat + 1}
                        </Link>
                        {run.error ? (
                          <span className="text-red-700">error: {run.error}</span>
                        ) : (
                          outputText(run.output)
                        )}
                      </div>
                    ))}
                    <div className="text-slate-500 text-xs">{formatScore(side.means[metric])}</div>
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
