import { Fragment, useState } from 'react';
import { useResource } from '../api/use-resource';
import { formatAgo } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { headClass } from '../ui/controls';
import { type GateVerdict, listGateRuns } from './gates-api';
import { StatusBadge } from './status-badge';

const figure = (value: number) =>
  Number.isInteger(value) ? String(value) : Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(3);

function estimateText(verdict: GateVerdict) {
  const { estimate, interval } = verdict.evidence;
  if (estimate === null || !Number.isFinite(estimate)) return '—';
  return interval
    ? `${figure(estimate)} [${figure(interval.lower)}, ${figure(interval.upper)}]`
    : figure(estimate);
}

/** Stored `sextant eval --record` runs: one row per suite run; opening one shows each gate with its evidence. */
export function GateRunsSection() {
  const client = useApiClient();
  const runs = useResource('gate-runs', (signal) => listGateRuns(client, signal));
  const [opened, setOpened] = useState<string | null>(null);
  if (runs.status === 'error') return <p className="text-red-700 text-sm">{runs.error.message}</p>;
  const list = runs.data?.runs ?? [];
  if (runs.status === 'ok' && list.length === 0) {
    return (
      <p className="text-slate-500 text-sm">
        No gate runs yet. Run <code>sextant eval --record</code> in CI to store one per suite.
      </p>
    );
  }
  return (
    <table className="w-full text-sm" data-testid="gate-runs">
      <thead className={headClass}>
        <tr className="text-left">
          <th className="px-2 py-1">Result</th>
          <th className="px-2 py-1">Suite</th>
          <th className="px-2 py-1">Release</th>
          <th className="px-2 py-1">Gates</th>
          <th className="px-2 py-1">Dataset</th>
          <th className="px-2 py-1">By</th>
          <th className="px-2 py-1">When</th>
        </tr>
      </thead>
      <tbody>
        {list.map((run) => (
          <Fragment key={run.id}>
            <tr
              className="cursor-pointer border-slate-100 border-b hover:bg-slate-50"
              onClick={() => setOpened(opened === run.id ? null : run.id)}
            >
              <td className="px-2 py-1">
                <StatusBadge status={run.status} />
              </td>
              <td className="px-2 py-1 font-medium">{run.suite}</td>
              <td className="px-2 py-1">
                {run.release ? `${run.release.name}@${run.release.version}` : '—'}
              </td>
              <td className="px-2 py-1">
                {run.verdict.verdicts.filter((verdict) => verdict.status === 'passed').length}/
                {run.verdict.verdicts.length} passed
              </td>
              <td className="px-2 py-1 text-slate-600">{run.dataset ?? '—'}</td>
              <td className="px-2 py-1 text-slate-600">{run.actor}</td>
              <td className="px-2 py-1 text-slate-500">{formatAgo(Date.parse(run.createdAt))}</td>
            </tr>
            {opened === run.id && (
              <tr>
                <td colSpan={7} className="bg-slate-50 px-3 py-2">
                  <table className="w-full text-xs" data-testid="gate-verdicts">
                    <thead>
                      <tr className="text-left text-slate-500">
                        <th className="py-1">Gate</th>
                        <th>Result</th>
                        <th>Estimate [interval]</th>
                        <th>p</th>
                        <th>Evidence</th>
                      </tr>
                    </thead>
                    <tbody>
                      {run.verdict.verdicts.map((verdict) => (
                        <tr key={verdict.title} className="align-top">
                          <td className="py-1 pr-2 font-mono">{verdict.title}</td>
                          <td className="pr-2">
                            <StatusBadge status={verdict.status} />
                          </td>
                          <td className="pr-2 font-mono">{estimateText(verdict)}</td>
                          <td className="pr-2 font-mono">{verdict.evidence.pValue?.toFixed(4) ?? ''}</td>
                          <td>
                            {verdict.summary}
                            {verdict.evidence.failingItems.length > 0 && (
                              <div className="text-slate-500">
                                items: {verdict.evidence.failingItems.slice(0, 15).join(', ')}
                              </div>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {(run.verdict.quarantined ?? []).map((entry) => (
                    <p key={entry.itemId} className="mt-1 text-amber-800 text-xs">
                      quarantined {entry.itemId}: {entry.reason}
                    </p>
                  ))}
                  {(run.verdict.flaky ?? []).length > 0 && (
                    <p className="mt-1 text-slate-600 text-xs">
                      flaky:{' '}
                      {(run.verdict.flaky ?? [])
                        .slice(0, 20)
                        .map((entry) => entry.itemId)
                        .join(', ')}
                    </p>
                  )}
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
