import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { type BakeoffContender, getBakeoff, type Interval } from '../api/bakeoffs-api';
import { useResource } from '../api/use-resource';
import { formatCost, formatDuration } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass } from '../ui/controls';
import { ModelsHeader } from './models-header';

const BakeoffChart = lazy(() => import('./bakeoff-chart'));

const interval = (value: Interval | null) =>
  value ? (
    <>
      {value.estimate.toFixed(3)}{' '}
      <span className="text-slate-400">
        [{value.lower.toFixed(3)}, {value.upper.toFixed(3)}]
      </span>
    </>
  ) : (
    '–'
  );

/** One bake-off: quality against cost per model on a chart, and the figures with their 95% intervals. */
export function BakeoffPage({ id }: { id: string }) {
  const client = useApiClient();
  const loaded = useResource(`bakeoff:${id}`, (signal) => getBakeoff(client, id, signal));
  if (loaded.status === 'error') return <ErrorPanel error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <p className="p-4 text-slate-500 text-sm">Loading bake-off…</p>;
  const { bakeoff } = loaded.data;
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models" />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="border-slate-200 border-b bg-white px-4 py-2">
          <div className="flex items-center gap-3">
            <Link href="/models/bakeoffs" className="text-slate-500 text-sm hover:text-slate-800">
              ← Bake-offs
            </Link>
            <h2 className="font-semibold text-base" data-testid="bakeoff-id">
              {bakeoff.id}
            </h2>
          </div>
          <p className="mt-1 text-slate-600 text-sm">
            {bakeoff.contenders.length} models on{' '}
            <Link
              href={`/datasets/${encodeURIComponent(bakeoff.datasetName)}`}
              className="text-indigo-700 hover:underline"
            >
              {bakeoff.datasetName} v{bakeoff.datasetVersion}
            </Link>
            , {bakeoff.repeats} repeat{bakeoff.repeats > 1 ? 's' : ''} per item
            {bakeoff.prompt ? `, prompt ${bakeoff.prompt}` : ''}. Quality is the mean {bakeoff.qualityMetric}{' '}
            with its 95% interval (bootstrap over items, repeats clustered).
          </p>
        </div>
        <Suspense fallback={<div className="h-72" />}>
          <BakeoffChart bakeoff={bakeoff} />
        </Suspense>
        <ContenderTable contenders={bakeoff.contenders} metric={bakeoff.qualityMetric} />
      </div>
    </div>
  );
}

function ContenderTable({ contenders, metric }: { contenders: BakeoffContender[]; metric: string }) {
  const headers = [
    'Model',
    `${metric} [95% CI]`,
    'Pass rate [95% CI]',
    'Cost / run',
    'Total cost',
    'p50',
    'p95',
    'Errors',
    'Runs',
    '',
  ];
  return (
    <table className="w-full border-collapse text-sm" data-testid="bakeoff-table">
      <thead className={headClass}>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {contenders.map((contender, index) => (
          <tr
            key={contender.experimentId}
            className="border-slate-100 border-b"
            data-front={contender.onFront}
          >
            <td className="whitespace-nowrap px-2 py-1">
              <Link
                href={`/models/${encodeURIComponent(contender.model)}`}
                className="font-medium hover:underline"
              >
                {contender.model}
              </Link>
              {contender.onFront && (
                <span
                  className="ml-2 rounded bg-emerald-50 px-1 text-emerald-700 text-xs"
                  title="No other model is both better and cheaper"
                >
                  Pareto front
                </span>
              )}
            </td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">{interval(contender.quality)}</td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">{interval(contender.passRate)}</td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">
              {contender.costPerRun === null ? 'unpriced' : formatCost(contender.costPerRun)}
            </td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">{formatCost(contender.totalCost)}</td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">
              {formatDuration(contender.latencyMs?.p50)}
            </td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">
              {formatDuration(contender.latencyMs?.p95)}
            </td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">{contender.errors}</td>
            <td className="whitespace-nowrap px-2 py-1 tabular-nums">
              <Link
                href={`/experiments/${encodeURIComponent(contender.experimentId)}`}
                className="text-indigo-700 hover:underline"
              >
                {contender.runs}
              </Link>
            </td>
            <td className="whitespace-nowrap px-2 py-1">
              {index > 0 && (
                <Link
                  href={`/experiments/compare?baseline=${encodeURIComponent(contenders[0]?.experimentId ?? '')}&candidate=${encodeURIComponent(contender.experimentId)}`}
                  className="text-indigo-700 text-xs hover:underline"
                  title="Paired comparison on the same items, with its interval and p-value"
                >
                  compare with {contenders[0]?.model}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
