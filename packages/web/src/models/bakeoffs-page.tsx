import { Link } from 'wouter';
import { listBakeoffs } from '../api/bakeoffs-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass } from '../ui/controls';
import { ModelsHeader } from './models-header';

/** Discover › Models › Bake-offs: every bake-off of the project, newest first. */
export function BakeoffsPage() {
  const client = useApiClient();
  const bakeoffs = useResource('bakeoffs', (signal) => listBakeoffs(client, signal));
  const rows = bakeoffs.data?.bakeoffs ?? [];
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models">{bakeoffs.data ? `${rows.length} bake-offs` : ''}</ModelsHeader>
      {bakeoffs.error && <ErrorPanel error={bakeoffs.error} onRetry={bakeoffs.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {bakeoffs.data && rows.length === 0 && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No bake-offs yet.</p>
            <p>Run the same task on several models over one of your datasets, then compare them here:</p>
            <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              npx sextant models bakeoff --dataset support-questions --models openai/gpt-4o-mini,local/qwen
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="bakeoffs-table">
            <thead className={headClass}>
              <tr>
                {['Bake-off', 'Dataset', 'Models', 'Quality metric', 'Run'].map((header) => (
                  <th
                    key={header}
                    scope="col"
                    className="whitespace-nowrap px-2 py-1.5 text-left font-medium"
                  >
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((bakeoff) => (
                <tr key={bakeoff.id} className="border-slate-100 border-b hover:bg-slate-50">
                  <td className="whitespace-nowrap px-2 py-1">
                    <Link
                      href={`/models/bakeoffs/${encodeURIComponent(bakeoff.id)}`}
                      className="font-medium hover:underline"
                    >
                      {bakeoff.id}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">
                    {bakeoff.datasetName} v{bakeoff.datasetVersion}
                  </td>
                  <td className="px-2 py-1 text-slate-600">{bakeoff.models.join(', ')}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">{bakeoff.qualityMetric}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-500" title={bakeoff.createdAt}>
                    {formatAgo(Date.parse(bakeoff.createdAt))}
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
