import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { toApiError } from '../api/api-error';
import { createDataset, listDatasets } from '../api/datasets-api';
import { useResource } from '../api/use-resource';
import { formatAgo, formatCount } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, headClass, inputClass, primaryButtonClass } from '../ui/controls';

/** Evaluate › Datasets: every dataset with its newest version and size, and a form to start one. */
export function DatasetsPage() {
  const client = useApiClient();
  const datasets = useResource('datasets', (signal) => listDatasets(client, signal));
  const [creating, setCreating] = useState(false);
  const rows = datasets.data?.datasets ?? [];
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Datasets</h1>
        <span className="text-slate-500 text-sm">{datasets.data ? `${rows.length} datasets` : ''}</span>
        <button type="button" className={`ml-auto ${buttonClass}`} onClick={() => setCreating(!creating)}>
          New dataset
        </button>
      </div>
      {creating && <NewDatasetForm />}
      {datasets.error && <ErrorPanel error={datasets.error} onRetry={datasets.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {datasets.data && rows.length === 0 && !creating && (
          <div className="max-w-2xl space-y-2 p-6 text-slate-700 text-sm">
            <p className="font-medium">No datasets yet.</p>
            <p>
              Create one here and upload a CSV or JSONL file, add production traces with “Add to dataset” on a
              trace, or import from the command line:
            </p>
            <pre className="rounded bg-slate-900 px-3 py-2 text-slate-100 text-xs">
              npx sextant datasets import support-questions questions.csv
            </pre>
          </div>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="datasets-table">
            <thead className={headClass}>
              <tr>
                {['Name', 'Version', 'Items', 'Description', 'Updated'].map((header) => (
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
              {rows.map((dataset) => (
                <tr key={dataset.name} className="border-slate-100 border-b hover:bg-slate-50">
                  <td className="whitespace-nowrap px-2 py-1">
                    <Link
                      href={`/datasets/${encodeURIComponent(dataset.name)}`}
                      className="font-medium hover:underline"
                    >
                      {dataset.name}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">v{dataset.latestVersion}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-600">
                    {formatCount(dataset.itemCount)}
                  </td>
                  <td className="w-full max-w-0 truncate px-2 py-1 text-slate-600">{dataset.description}</td>
                  <td className="whitespace-nowrap px-2 py-1 text-slate-500" title={dataset.updatedAt}>
                    {formatAgo(Date.parse(dataset.updatedAt))}
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

function NewDatasetForm() {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await createDataset(client, name.trim(), description);
      navigate(`/datasets/${encodeURIComponent(name.trim())}`);
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-slate-50 px-4 py-2"
    >
      <input
        aria-label="Dataset name"
        placeholder="name, e.g. support-questions"
        className={inputClass}
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
      />
      <input
        aria-label="Description"
        placeholder="description (optional)"
        className={`${inputClass} min-w-80`}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <button type="submit" className={primaryButtonClass} disabled={!name.trim()}>
        Create
      </button>
      {error && (
        <span role="alert" className="text-red-700 text-sm">
          {error}
        </span>
      )}
    </form>
  );
}
