import { Fragment, useEffect, useState } from 'react';
import { toApiError } from '../api/api-error';
import { type AuditEntry, type AuditQuery, listAudit } from '../api/governance-api';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { buttonClass, headClass, inputClass, selectClass } from '../ui/controls';

const targetTypes = [
  'prompt',
  'release',
  'dataset',
  'api_key',
  'model',
  'model_alias',
  'provider_credential',
  'alert_rule',
  'redaction_settings',
  'retention',
  'gate_run',
  'canary',
  'review_queue',
  'score_config',
  'review_settings',
];

const json = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

/** Govern › Audit log: who changed what and when, with the object before and after, newest first. */
export function AuditPage() {
  const client = useApiClient();
  const [filters, setFilters] = useState<AuditQuery>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [opened, setOpened] = useState<number | null>(null);

  const load = async (cursor: number | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    try {
      const page = await listAudit(client, { ...filters, cursor }, signal);
      setEntries((current) => (cursor ? [...current, ...page.entries] : page.entries));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      if (!signal?.aborted) setError(toApiError(failure).message);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload from the first page when filters change
  useEffect(() => {
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
  }, [filters]);

  const setFilter = (name: keyof AuditQuery, value: string) =>
    setFilters((current) => ({ ...current, [name]: value || undefined }));
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Audit log</h1>
        <select
          aria-label="Object type"
          className={selectClass}
          value={filters.targetType ?? ''}
          onChange={(event) => setFilter('targetType', event.target.value)}
        >
          <option value="">every object</option>
          {targetTypes.map((type) => (
            <option key={type} value={type}>
              {type.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <input
          aria-label="Action"
          placeholder="action, e.g. prompt.label.move"
          className={inputClass}
          onChange={(event) => setFilter('action', event.target.value.trim())}
        />
        <input
          aria-label="Object id"
          placeholder="object id"
          className={inputClass}
          onChange={(event) => setFilter('targetId', event.target.value.trim())}
        />
      </div>
      {error && (
        <p
          role="alert"
          className="mx-4 mt-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
        >
          {error}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {!loading && entries.length === 0 && !error && (
          <p className="p-6 text-slate-600 text-sm">
            No changes recorded{Object.values(filters).some(Boolean) ? ' that match' : ''}. Every change to
            prompts, labels, releases, datasets, keys, models, credentials, alert rules and settings appears
            here.
          </p>
        )}
        {entries.length > 0 && (
          <table className="w-full border-collapse text-sm" data-testid="audit-log">
            <thead className={headClass}>
              <tr>
                {['When', 'Who', 'Action', 'Object'].map((header) => (
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
              {entries.map((entry) => (
                <Fragment key={entry.id}>
                  <tr
                    className="cursor-pointer border-slate-100 border-b hover:bg-slate-50"
                    onClick={() => setOpened(opened === entry.id ? null : entry.id)}
                  >
                    <td className="whitespace-nowrap px-2 py-1 text-slate-600" title={entry.createdAt}>
                      {formatAgo(Date.parse(entry.createdAt))}
                    </td>
                    <td className="px-2 py-1">{entry.actor}</td>
                    <td className="px-2 py-1 font-mono text-xs">{entry.action}</td>
                    <td className="px-2 py-1">
                      <span className="text-slate-500">{entry.targetType.replaceAll('_', ' ')}</span>{' '}
                      {entry.targetId}
                    </td>
                  </tr>
                  {opened === entry.id && (
                    <tr>
                      <td colSpan={4} className="bg-slate-50 px-4 py-2">
                        <div className="grid grid-cols-2 gap-3" data-testid="audit-diff">
                          <div>
                            <div className="mb-1 font-medium text-slate-500 text-xs">Before</div>
                            <pre className="max-h-80 overflow-auto rounded bg-white p-2 text-xs">
                              {json(entry.before)}
                            </pre>
                          </div>
                          <div>
                            <div className="mb-1 font-medium text-slate-500 text-xs">After</div>
                            <pre className="max-h-80 overflow-auto rounded bg-white p-2 text-xs">
                              {json(entry.after)}
                            </pre>
                          </div>
                        </div>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
        {nextCursor !== null && (
          <div className="p-3">
            <button type="button" className={buttonClass} disabled={loading} onClick={() => load(nextCursor)}>
              {loading ? 'Loading…' : 'Older changes'}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
