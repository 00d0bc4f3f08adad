import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import { moveLabel, removeLabel } from '../api/registry-api';
import type { RegistryResource } from '../api/registry-types';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, dangerButtonClass, inputClass } from '../ui/controls';
import { LabelChip } from '../ui/label-chip';

type Notice = { kind: 'ok' | 'conflict' | 'error'; text: string };

/**
 * The labels of a prompt or release: move one to the selected version, remove one, or add a new one.
 * Every write sends where the label was when this page loaded it, so a concurrent move answers 409 instead
 * of being overwritten; the message is shown and the labels are reloaded.
 */
export function LabelsPanel({
  resource,
  name,
  labels,
  selectedVersion,
  onChanged,
}: {
  resource: RegistryResource;
  name: string;
  labels: Record<string, number>;
  selectedVersion: number;
  onChanged: () => void;
}) {
  const client = useApiClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [newLabel, setNewLabel] = useState('');

  const write = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      setNotice({ kind: 'ok', text: done });
    } catch (failure) {
      const error = toApiError(failure);
      setNotice({ kind: error.kind === 'conflict' ? 'conflict' : 'error', text: error.message });
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const move = (label: string) =>
    write(
      () => moveLabel(client, resource, name, label, selectedVersion, labels[label] ?? null),
      `Moved ${label} to v${selectedVersion}.`,
    );
  const remove = (label: string, version: number) =>
    write(() => removeLabel(client, resource, name, label, version), `Removed ${label}.`);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const label = newLabel.trim();
    if (!label) return;
    setNewLabel('');
    move(label);
  };

  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-label="Labels" className="space-y-2" data-testid="labels-panel">
      {notice && <NoticeLine notice={notice} onClose={() => setNotice(null)} />}
      {entries.length === 0 && <p className="text-slate-500 text-sm">No labels yet.</p>}
      <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
        {entries.map(([label, version]) => (
          <li key={label} data-label={label} className="flex items-center gap-2 px-3 py-1.5 text-sm">
            <LabelChip label={label} />
            <span className="text-slate-500">→</span>
            <span className="font-medium">v{version}</span>
            <span className="ml-auto flex gap-2">
              {version === selectedVersion ? (
                <span className="text-slate-400 text-xs">points at the selected version</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => move(label)} className={buttonClass}>
                  Move {label} to v{selectedVersion}
                </button>
              )}
              <button
                type="button"
                disabled={busy}
                onClick={() => remove(label, version)}
                className={dangerButtonClass}
              >
                Remove {label}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="flex items-center gap-2 text-sm">
        <input
          aria-label="New label"
          placeholder="new label, e.g. canary"
          value={newLabel}
          onChange={(event) => setNewLabel(event.target.value.toLowerCase())}
          className={`${inputClass} w-48`}
        />
        <button type="submit" disabled={busy || !newLabel.trim()} className={buttonClass}>
          Point at v{selectedVersion}
        </button>
      </form>
    </section>
  );
}

function NoticeLine({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const style = {
    ok: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    conflict: 'border-amber-300 bg-amber-50 text-amber-900',
    error: 'border-red-200 bg-red-50 text-red-900',
  }[notice.kind];
  return (
    <div
      role={notice.kind === 'ok' ? 'status' : 'alert'}
      className={`flex items-start gap-2 rounded border px-3 py-2 text-sm ${style}`}
    >
      <div className="flex-1">
        {notice.kind === 'conflict' && (
          <p className="font-medium">
            Someone moved this label meanwhile; nothing was changed. The labels are refreshed.
          </p>
        )}
        <p>{notice.text}</p>
      </div>
      <button type="button" aria-label="Dismiss" onClick={onClose} className="opacity-60 hover:opacity-100">
        ×
      </button>
    </div>
  );
}
