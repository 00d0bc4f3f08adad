import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { experimentTarget, listExperiments } from '../api/experiments-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass, primaryButtonClass } from '../ui/controls';

/** Evaluate › Experiments: every run of a chain over a dataset, newest first; pick two to compare. */
export function ExperimentsPage() {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const experiments = useResource('experiments', (signal) => listExperiments(client, signal));
  const [picked, setPicked] = useState<string[]>([]);
  const rows = experiments.data?.experiments ?? [];
  const toggle = (id: string) =>
    setPicked((current) =>
      current.includes(id) ? current.filter((entry) => entry !== id) : [...current, id].slice(-2),
    );
  const compare = () => {
    const [candidate, baseline] = picked
      .map((id) => rows.find((row) => row.id === id)!)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    if (baseline && candidate)
      navigate(
        `/experiments/compare?baseline=${encodeURIComponent(baseline.id)}&candidate=${encodeURIComponent(candidate.id)}`,
      );
  };
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Experiments</h1>
        <span className="text-slate-500 text-sm">{experiments.data ? `${rows.length} experiments` : ''}</span>
        <button
          type="button"
          className={`ml-auto ${primaryButtonClass}`}
          disabled={picked.length !== 2}
          onClick={compare}
        >
          Compare {picked.length}/2
        </button>
      </div>
      {experiments.error && <ErrorPanel error={experiments.error} onRetry={experiments.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {experiments.data && rows.length === 0 && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No experiments yet.</p>
            <p>Run a release over a dataset from the command line, or call runExperiment from the SDK:</p>
            <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              npx sextant experiments run --dataset support-questions --release support-bot@production
              --evaluator contains --repeats 3
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="experiments-table">
            <thead className={headClass}>
              <tr>
                {['', 'Name', 'Dataset', 'Target', 'Repeats', 'Evaluators', 'Status', 'Started'].map(
                  (header) => (
                    <th
                      key={header}
                      scope="col"
                      className="whitespace-nowrap px-2 py-1.5 text-left font-medium"
                    >
                      {header}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((experiment) => (
                <tr key={experiment.id} className="border-slate-100 border-b hover:bg-slate-50">
                  <td className="px-2 py-1">
                    <input
                      type="checkbox"
                      aria-label={`Pick ${experiment.name} to compare`}
                      checked={picked.includes(experiment.id)}
                      onChange={() => toggle(experiment.id)}
                    />
                  </td>
                  <td className="whitespace-nowrap px-2 py-1">
                    <Link
                      href={`/experiments/${encodeURIComponent(experiment.id)}`}
                      className="font-medium hover:underline"
                    >
                      {experiment.name}
                    </Link>
                    <span className="ml-2 text-slate-400 text-xs">{experiment.id}</span>
                  </td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">
                    {experiment.datasetName} v{experiment.datasetVersion}
                  </td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">
                    {experimentTarget(experiment)}
                  </td>
                  <td className="px-2 py-1 text-slate-600">{experiment.repeats}</td>
                  <td className="w-full max-w-0 truncate px-2 py-1 text-slate-600">
                    {experiment.evaluators.map((evaluator) => evaluator.name).join(', ')}
                  </td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">{experiment.status}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-500" title={experiment.createdAt}>
                    {formatAgo(Date.parse(experiment.createdAt))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
