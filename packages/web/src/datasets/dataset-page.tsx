import { Link, useSearchParams } from 'wouter';
import { type DatasetDetail, getDataset } from '../api/datasets-api';
import { useResource } from '../api/use-resource';
import { formatAgo, formatCount } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { DatasetExport } from './dataset-export';
import { DatasetItems } from './dataset-items';
import { DatasetUpload } from './dataset-upload';

/**
 * One dataset: its versions (newest first), the split counts, a page of items of the chosen version and
 * split with inline editing, export of what is shown, and file upload into a new version.
 */
export function DatasetPage({ name }: { name: string }) {
  const client = useApiClient();
  const detail = useResource(`dataset:${name}`, (signal) => getDataset(client, name, signal));
  const [params, setParams] = useSearchParams();
  if (detail.status === 'error') return <ErrorPanel error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <p className="p-4 text-slate-500 text-sm">Loading dataset…</p>;
  const { dataset, versions } = detail.data;
  const requested = Number(params.get('version'));
  const version = versions.some((entry) => entry.version === requested) ? requested : dataset.latestVersion;
  const split = params.get('split') ?? undefined;
  const choose = (next: { version?: number; split?: string | undefined }) => {
    const merged = { version: String(next.version ?? version), split: 'split' in next ? next.split : split };
    setParams(
      Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Record<
        string,
        string
      >,
      {
        replace: true,
      },
    );
  };
  return (
    <div className="flex h-full flex-col">
      <div className="border-slate-200 border-b bg-white px-4 py-2">
        <div className="flex items-center gap-3">
          <Link href="/datasets" className="text-slate-500 text-sm hover:text-slate-800">
            ← Datasets
          </Link>
          <h1 className="font-semibold text-lg" data-testid="dataset-name">
            {dataset.name}
          </h1>
          <span className="text-slate-500 text-sm">
            v{dataset.latestVersion} · {formatCount(dataset.itemCount)} items
          </span>
          <div className="ml-auto flex items-center gap-2">
            <DatasetExport name={name} version={version} split={split} disabled={version === 0} />
            <DatasetUpload
              name={name}
              onImported={(imported) => {
                detail.reload();
                choose({ version: imported, split: undefined });
              }}
            />
          </div>
        </div>
        {dataset.description && <p className="mt-1 text-slate-600 text-sm">{dataset.description}</p>}
        <SplitChips
          detail={detail.data}
          version={version}
          split={split}
          onChoose={(next) => choose({ split: next })}
        />
      </div>
      <div className="flex min-h-0 flex-1">
        <ol
          className="w-56 shrink-0 overflow-auto border-slate-200 border-r bg-white text-sm"
          data-testid="dataset-versions"
        >
          {versions.map((entry) => (
            <li key={entry.version}>
              <button
                type="button"
                aria-current={entry.version === version}
                onClick={() => choose({ version: entry.version })}
                className={`block w-full px-3 py-1.5 text-left ${entry.version === version ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}
              >
                <span className="font-medium">v{entry.version}</span>{' '}
                <span className="text-slate-500">{formatCount(entry.itemCount)} items</span>
                <span className="block truncate text-slate-500 text-xs" title={entry.message ?? ''}>
                  +{entry.added} ~{entry.updated} −{entry.removed}
                  {entry.message ? ` · ${entry.message}` : ''} · {formatAgo(Date.parse(entry.createdAt))}
                </span>
              </button>
            </li>
          ))}
          {versions.length === 0 && <li className="p-3 text-slate-500">No versions yet: upload a file.</li>}
        </ol>
        <div className="min-w-0 flex-1 overflow-auto">
          {version > 0 ? (
            <DatasetItems
              key={`${version}:${split ?? ''}`}
              name={name}
              version={version}
              split={split}
              latest={version === dataset.latestVersion}
              onSaved={(saved) => {
                detail.reload();
                choose({ version: saved });
              }}
            />
          ) : (
            <p className="p-4 text-slate-500 text-sm">
              This dataset has no items yet. Upload a CSV or JSONL file.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function SplitChips({
  detail,
  version,
  split,
  onChoose,
}: {
  detail: DatasetDetail;
  version: number;
  split: string | undefined;
  onChoose: (split: string | undefined) => void;
}) {
  // Split counts come with the newest version; older versions show the chips without counts.
  const counts = version === detail.dataset.latestVersion ? detail.splits : [];
  const named = counts.filter((entry) => entry.split !== null);
  if (named.length === 0 && split === undefined) return null;
  const chip = (label: string, value: string | undefined, count?: number) => (
    <button
      key={label}
      type="button"
      aria-pressed={split === value}
      onClick={() => onChoose(value)}
      className={`rounded-full px-2 py-0.5 text-xs ${split === value ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
    >
      {label}
      {count !== undefined ? ` ${formatCount(count)}` : ''}
    </button>
  );
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1.5" data-testid="dataset-splits">
      <span className="text-slate-500 text-xs">Splits</span>
      {chip('all', undefined)}
      {named.map((entry) => chip(entry.split as string, entry.split as string, entry.count))}
      {split !== undefined && !named.some((entry) => entry.split === split) && chip(split, split)}
    </div>
  );
}
