import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { toApiError } from '../api/api-error';
import {
  createDriftMonitor,
  type DriftMonitor,
  type DriftReference,
  deleteDriftMonitor,
  listDriftMonitors,
  listDriftReports,
  runDriftMonitor,
} from '../api/drift-api';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import {
  buttonClass,
  dangerButtonClass,
  headClass,
  inputClass,
  linkClass,
  primaryButtonClass,
  selectClass,
} from '../ui/controls';

export const describeReference = (reference: DriftReference) =>
  reference.type === 'dataset'
    ? `dataset ${reference.name}${reference.version ? ` v${reference.version}` : ''}`
    : reference.type === 'release'
      ? `first ${reference.days} days of release ${reference.releaseId}`
      : `${reference.start.slice(0, 16).replace('T', ' ')} – ${reference.end.slice(0, 16).replace('T', ' ')}`;

/** Govern › Drift: monitors comparing production inputs with a reference, and their reports. */
export function DriftPage() {
  const client = useApiClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('monitor');
  const monitors = useResource('drift-monitors', (signal) => listDriftMonitors(client, signal));
  const reports = useResource(`drift-reports:${selected ?? ''}`, (signal) =>
    listDriftReports(client, selected, signal),
  );
  const [creating, setCreating] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      monitors.reload();
      reports.reload();
    } catch (error) {
      setActionError(toApiError(error).message);
    }
  };
  const run = (monitor: DriftMonitor) => {
    setRunning(monitor.id);
    act(() => runDriftMonitor(client, monitor.id)).finally(() => setRunning(null));
  };
  const rows = monitors.data?.monitors ?? [];
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Drift</h1>
        <span className="text-slate-500 text-sm">{monitors.data ? `${rows.length} monitors` : ''}</span>
        <button type="button" className={`ml-auto ${buttonClass}`} onClick={() => setCreating(!creating)}>
          New monitor
        </button>
      </div>
      {creating && (
        <NewMonitorForm
          onCreated={() => {
            setCreating(false);
            monitors.reload();
          }}
        />
      )}
      {monitors.error && <ErrorPanel error={monitors.error} onRetry={monitors.reload} />}
      {actionError && (
        <p
          role="alert"
          className="mx-4 mt-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
        >
          {actionError}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {monitors.data && rows.length === 0 && !creating && (
          <p className="p-6 text-slate-600 text-sm">
            No drift monitors yet. A monitor compares the requests of a rolling window (the last 24 hours,
            say) with a reference: a dataset, a date range, or the first days of a release.
          </p>
        )}
        {rows.length > 0 && (
          <table className="w-full text-sm" aria-label="Drift monitors">
            <thead className={headClass}>
              <tr className="text-left">
                <th className="px-4 py-1.5">Monitor</th>
                <th className="px-2 py-1.5">Reference</th>
                <th className="px-2 py-1.5">Current window</th>
                <th className="px-2 py-1.5">Field</th>
                <th className="px-2 py-1.5">Schedule</th>
                <th className="px-2 py-1.5" />
              </tr>
            </thead>
            <tbody>
              {rows.map((monitor) => (
                <tr
                  key={monitor.id}
                  className={`border-slate-100 border-b ${selected === monitor.id ? 'bg-indigo-50' : ''}`}
                >
                  <td className="px-4 py-1.5">
                    <button
                      type="button"
                      className={linkClass}
                      onClick={() => setParams({ monitor: monitor.id })}
                    >
                      {monitor.name}
                    </button>
                  </td>
                  <td className="px-2 py-1.5">{describeReference(monitor.reference)}</td>
                  <td className="px-2 py-1.5">last {monitor.currentWindowHours} h</td>
                  <td className="px-2 py-1.5">{monitor.field}s</td>
                  <td className="px-2 py-1.5">
                    {monitor.scheduleEveryMinutes ? `every ${monitor.scheduleEveryMinutes} min` : 'on demand'}
                  </td>
                  <td className="flex gap-2 px-2 py-1.5">
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={running !== null}
                      onClick={() => run(monitor)}
                    >
                      {running === monitor.id ? 'Running…' : 'Run now'}
                    </button>
                    <button
                      type="button"
                      className={dangerButtonClass}
                      onClick={() => {
                        if (window.confirm(`Delete monitor '${monitor.name}' and its reports?`))
                          act(() => deleteDriftMonitor(client, monitor.id));
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2 className="mt-4 px-4 pb-1 font-medium text-slate-700 text-sm">
          Reports{selected ? ` of ${rows.find((monitor) => monitor.id === selected)?.name ?? selected}` : ''}
          {selected && (
            <button type="button" className={`ml-2 text-xs ${linkClass}`} onClick={() => setParams({})}>
              all monitors
            </button>
          )}
        </h2>
        {reports.error && <ErrorPanel error={reports.error} onRetry={reports.reload} />}
        {reports.data && reports.data.reports.length === 0 && (
          <p className="px-4 text-slate-500 text-sm">
            No reports yet: run a monitor, or wait for its schedule.
          </p>
        )}
        {reports.data && reports.data.reports.length > 0 && (
          <table className="w-full text-sm" aria-label="Drift reports">
            <thead className={headClass}>
              <tr className="text-left">
                <th className="px-4 py-1.5">When</th>
                <th className="px-2 py-1.5">Monitor</th>
                <th className="px-2 py-1.5">Result</th>
                <th className="px-2 py-1.5">Texts</th>
                <th className="px-2 py-1.5">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.reports.map((report) => (
                <tr key={report.id} className="border-slate-100 border-b">
                  <td className="px-4 py-1.5">
                    <Link href={`/drift/reports/${encodeURIComponent(report.id)}`} className={linkClass}>
                      {formatAgo(Date.parse(report.createdAt))}
                    </Link>
                  </td>
                  <td className="px-2 py-1.5">{report.monitorName}</td>
                  <td className="px-2 py-1.5">
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs ${report.drifted ? 'bg-amber-100 text-amber-900' : 'bg-emerald-50 text-emerald-800'}`}
                    >
                      {report.drifted ? 'drift' : 'no drift'}
                    </span>
                  </td>
                  <td className="px-2 py-1.5 tabular-nums">
                    {report.referenceCount} vs {report.currentCount}
                  </td>
                  <td className="px-2 py-1.5 text-slate-600">{report.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

function NewMonitorForm({ onCreated }: { onCreated: () => void }) {
  const client = useApiClient();
  const [kind, setKind] = useState<DriftReference['type']>('range');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const reference: DriftReference =
      kind === 'dataset'
        ? { type: 'dataset', name: text('dataset') }
        : kind === 'release'
          ? { type: 'release', releaseId: text('release'), days: Number(text('days') || 7) }
          : {
              type: 'range',
              start: new Date(text('start')).toISOString(),
              end: new Date(text('end')).toISOString(),
            };
    const every = Number(text('every'));
    setError(null);
    try {
      await createDriftMonitor(client, {
        name: text('name'),
        reference,
        currentWindowHours: Number(text('window') || 24),
        field: text('field') === 'output' ? 'output' : 'input',
        ...(every > 0 ? { scheduleEveryMinutes: every } : {}),
      });
      onCreated();
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-end gap-3 border-slate-200 border-b bg-slate-50 px-4 py-3 text-sm"
    >
      <label className="flex flex-col gap-1">
        Name
        <input name="name" required className={inputClass} placeholder="support questions" />
      </label>
      <label className="flex flex-col gap-1">
        Reference
        <select
          className={selectClass}
          value={kind}
          onChange={(event) => setKind(event.target.value as typeof kind)}
        >
          <option value="range">date range</option>
          <option value="dataset">dataset</option>
          <option value="release">first days of a release</option>
        </select>
      </label>
      {kind === 'range' && (
        <>
          <label className="flex flex-col gap-1">
            From
            <input name="start" type="datetime-local" required className={inputClass} />
          </label>
          <label className="flex flex-col gap-1">
            To
            <input name="end" type="datetime-local" required className={inputClass} />
          </label>
        </>
      )}
      {kind === 'dataset' && (
        <label className="flex flex-col gap-1">
          Dataset
          <input name="dataset" required className={inputClass} />
        </label>
      )}
      {kind === 'release' && (
        <>
          <label className="flex flex-col gap-1">
            Release id
            <input name="release" required className={inputClass} placeholder="support-bot@3" />
          </label>
          <label className="flex flex-col gap-1">
            Days
            <input name="days" type="number" min="1" defaultValue="7" className={`w-20 ${inputClass}`} />
          </label>
        </>
      )}
      <label className="flex flex-col gap-1">
        Current window (hours)
        <input name="window" type="number" min="1" defaultValue="24" className={`w-24 ${inputClass}`} />
      </label>
      <label className="flex flex-col gap-1">
        Compare
        <select name="field" className={selectClass} defaultValue="input">
          <option value="input">inputs</option>
          <option value="output">outputs</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Run every (minutes, empty: on demand)
        <input name="every" type="number" min="5" className={`w-24 ${inputClass}`} />
      </label>
      <button type="submit" className={primaryButtonClass}>
        Create
      </button>
      {error && (
        <p role="alert" className="w-full text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
