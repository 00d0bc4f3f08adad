import { type FormEvent, useState } from 'react';
import { toApiError } from '../api/api-error';
import {
  getRetention,
  listRetentionHistory,
  type RetentionAuditEntry,
  setRetention,
} from '../api/retention-api';
import { useResource } from '../api/use-resource';
import { formatAgo, formatCount } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { buttonClass, headClass, inputClass, primaryButtonClass } from '../ui/controls';

/** What one audit entry of retention says, in words. */
function describeEntry(entry: RetentionAuditEntry): string {
  if (entry.action === 'retention.sweep') {
    const deleted = (entry.after as { deleted?: Record<string, number> } | null)?.deleted ?? {};
    return `Sweep deleted ${formatCount(deleted.traces ?? 0)} traces, ${formatCount(deleted.scores ?? 0)} scores, ${formatCount(deleted.jobs ?? 0)} jobs`;
  }
  const days = (value: unknown) => {
    const count = (value as { days?: number | null } | null)?.days;
    return count === null || count === undefined ? 'off' : `${count} days`;
  };
  return `Changed from ${days(entry.before)} to ${days(entry.after)}`;
}

/** Govern › Retention: how long the project keeps traces, scores and job history, and who changed it. */
export function RetentionPage() {
  const client = useApiClient();
  const setting = useResource('retention', (signal) => getRetention(client, signal));
  const history = useResource('retention-history', (signal) => listRetentionHistory(client, signal));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (days: number | null) => {
    setSaving(true);
    setError(null);
    try {
      await setRetention(client, days);
      setting.reload();
      history.reload();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setSaving(false);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = Number(new FormData(event.currentTarget).get('days'));
    void save(days);
  };
  const current = setting.data?.days ?? null;
  return (
    <div className="max-w-3xl space-y-4 p-4">
      <h1 className="font-semibold text-lg">Retention</h1>
      {setting.error && <ErrorPanel error={setting.error} onRetry={setting.reload} />}
      {setting.data && (
        <p
          className="rounded border border-slate-200 bg-white px-3 py-2 text-sm"
          data-testid="retention-status"
        >
          {current === null
            ? 'Off: traces, scores and job history are kept forever.'
            : `Traces (with their spans), scores and finished jobs older than ${current} days are deleted by an hourly sweep, in small batches that never hold up ingestion.`}
        </p>
      )}
      {setting.data && (
        <form onSubmit={submit} aria-label="Retention" className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-0.5 text-slate-600 text-xs">
            Keep (days)
            <input
              key={current ?? 'off'}
              name="days"
              type="number"
              min={1}
              max={3650}
              step={1}
              required
              defaultValue={current ?? 30}
              className={`${inputClass} w-28`}
            />
          </label>
          <button type="submit" disabled={saving} className={primaryButtonClass}>
            {current === null ? 'Turn on' : 'Save'}
          </button>
          {current !== null && (
            <button type="button" disabled={saving} className={buttonClass} onClick={() => save(null)}>
              Turn off
            </button>
          )}
          {error && (
            <span role="alert" className="text-red-700 text-sm">
              {error}
            </span>
          )}
        </form>
      )}
      <section aria-label="Retention history" className="space-y-1">
        <h2 className="font-medium text-sm">History</h2>
        {history.error && <ErrorPanel error={history.error} onRetry={history.reload} />}
        {history.data && history.data.entries.length === 0 && (
          <p className="text-slate-500 text-sm">No changes yet.</p>
        )}
        {history.data && history.data.entries.length > 0 && (
          <table className="w-full border-collapse text-sm">
            <thead className={headClass}>
              <tr>
                {['When', 'Who', 'What'].map((header) => (
                  <th key={header} scope="col" className="px-2 py-1.5 text-left font-medium">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.data.entries.map((entry) => (
                <tr key={entry.id} className="border-slate-100 border-b">
                  <td className="whitespace-nowrap px-2 py-1 text-slate-500">
                    {formatAgo(Date.parse(entry.createdAt))}
                  </td>
                  <td className="whitespace-nowrap px-2 py-1">{entry.actor}</td>
                  <td className="px-2 py-1">{describeEntry(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
