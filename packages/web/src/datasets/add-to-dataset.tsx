import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { toApiError } from '../api/api-error';
import { addItemFromTrace, createDataset, listDatasets } from '../api/datasets-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, inputClass, primaryButtonClass } from '../ui/controls';

/**
 * "Add to dataset" on a trace (its root span) or one span: the span's input becomes the item's input and
 * its output the expected output; metadata records where it came from. A new dataset name creates it.
 */
export function AddToDataset({
  traceId,
  spanId,
  label,
}: {
  traceId: string;
  spanId?: string;
  label: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className="relative">
      <button type="button" className={buttonClass} onClick={() => setOpen(!open)} aria-expanded={open}>
        {label}
      </button>
      {open && <AddForm traceId={traceId} spanId={spanId} onClose={() => setOpen(false)} />}
    </span>
  );
}

function AddForm({ traceId, spanId, onClose }: { traceId: string; spanId?: string; onClose: () => void }) {
  const client = useApiClient();
  const datasets = useResource('datasets', (signal) => listDatasets(client, signal));
  const [name, setName] = useState('');
  const [split, setSplit] = useState('');
  const [result, setResult] = useState<
    { kind: 'added'; name: string; id: string; version: number } | { kind: 'error'; text: string } | null
  >(null);
  const names = datasets.data?.datasets.map((dataset) => dataset.name) ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = name.trim();
    try {
      if (!names.includes(target)) await createDataset(client, target, '');
      const added = await addItemFromTrace(client, target, { traceId, spanId, split: split.trim() || null });
      setResult({ kind: 'added', name: target, id: added.item.id, version: added.version.version });
    } catch (caught) {
      setResult({ kind: 'error', text: toApiError(caught).message });
    }
  };
  return (
    <form
      onSubmit={submit}
      className="absolute right-0 z-20 mt-1 w-80 space-y-2 rounded border border-slate-200 bg-white p-3 text-sm shadow-lg"
      data-testid="add-to-dataset"
    >
      <label className="block text-slate-600 text-xs">
        Dataset (pick one or type a new name)
        <input
          className={`${inputClass} block w-full`}
          list="dataset-names"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
        />
      </label>
      <datalist id="dataset-names">
        {names.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      <label className="block text-slate-600 text-xs">
        Split (optional)
        <input
          className={`${inputClass} block w-full`}
          value={split}
          onChange={(event) => setSplit(event.target.value)}
        />
      </label>
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={!name.trim()}>
          Add
        </button>
        <button type="button" className={buttonClass} onClick={onClose}>
          Close
        </button>
      </div>
      {result?.kind === 'added' && (
        <p role="status" className="text-emerald-700">
          Added item <code>{result.id}</code> to{' '}
          <Link href={`/datasets/${encodeURIComponent(result.name)}`} className="underline">
            {result.name} v{result.version}
          </Link>
        </p>
      )}
      {result?.kind === 'error' && (
        <p role="alert" className="text-red-700">
          {result.text}
        </p>
      )}
    </form>
  );
}
