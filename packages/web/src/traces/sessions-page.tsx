import { type FormEvent, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { TraceSummary } from '../api/types';
import { useResource } from '../api/use-resource';
import { formatCount, formatTimeUs } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { useListKeyboard } from '../shell/use-list-keyboard';

const sampleSize = 500;

interface SessionRow {
  sessionId: string;
  userId: string | null;
  turns: number;
  errors: number;
  tokens: number;
  firstUs: number;
  lastUs: number;
  lastInput: string | null;
}

/** Govern › Sessions: open a conversation by id, or pick one of those seen in the latest traces. */
export function SessionsPage() {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const recent = useResource('recent-sessions', (signal) =>
    client.listTraces({ limit: sampleSize, sort: 'time', order: 'desc' }, signal),
  );
  const sessions = useMemo(() => groupSessions(recent.data?.traces ?? []), [recent.data]);
  const [selected, setSelected] = useState(0);
  const [draft, setDraft] = useState('');
  const open = (sessionId: string) => navigate(`/sessions/${encodeURIComponent(sessionId)}`);
  useListKeyboard({
    count: sessions.length,
    selected,
    setSelected,
    onOpen: (index) => {
      const session = sessions[index];
      if (session) open(session.sessionId);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) open(draft.trim());
  };
  return (
    <div className="p-4">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h1 className="font-semibold text-lg">Sessions</h1>
        <form onSubmit={submit} className="ml-auto flex gap-2">
          <input
            aria-label="Session id"
            placeholder="Open a session by id"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            className="w-64 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <button
            type="submit"
            className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
          >
            Open
          </button>
        </form>
      </div>
      {recent.status === 'error' && <ErrorPanel error={recent.error} onRetry={recent.reload} />}
      <p className="mb-2 text-slate-500 text-xs">
        Conversations seen in the latest {sampleSize} traces. A session groups the traces that share{' '}
        <code>gen_ai.conversation.id</code>, <code>session.id</code> or <code>sextant.session.id</code>.
      </p>
      {recent.status === 'ok' && sessions.length === 0 && (
        <p className="text-slate-600 text-sm">No recent trace carries a session id.</p>
      )}
      {sessions.length > 0 && (
        <table className="w-full border-collapse bg-white text-sm">
          <thead className="bg-slate-100 text-left text-slate-600 text-xs">
            <tr>
              <th className="px-2 py-1.5 font-medium">Session</th>
              <th className="px-2 py-1.5 font-medium">User</th>
              <th className="px-2 py-1.5 text-right font-medium">Turns</th>
              <th className="px-2 py-1.5 text-right font-medium">Tokens</th>
              <th className="px-2 py-1.5 font-medium">Last activity</th>
              <th className="px-2 py-1.5 font-medium">Last input</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session, index) => (
              <tr
                key={session.sessionId}
                aria-selected={index === selected}
                className={`border-slate-100 border-b ${index === selected ? 'bg-indigo-50' : 'hover:bg-slate-50'}`}
              >
                <td className="px-2 py-1">
                  <Link
                    href={`/sessions/${encodeURIComponent(session.sessionId)}`}
                    className="font-mono hover:underline"
                  >
                    {session.sessionId}
                  </Link>
                </td>
                <td className="px-2 py-1 text-slate-600">{session.userId ?? '–'}</td>
                <td className="px-2 py-1 text-right">
                  {session.turns}
                  {session.errors > 0 && (
                    <span className="ml-1 text-red-600 text-xs">({session.errors} failed)</span>
                  )}
                </td>
                <td className="px-2 py-1 text-right">{formatCount(session.tokens)}</td>
                <td className="whitespace-nowrap px-2 py-1 text-slate-600">{formatTimeUs(session.lastUs)}</td>
                <td className="max-w-0 truncate px-2 py-1 text-slate-500">{session.lastInput ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Sessions of the given traces (newest first in, most recently active first out). */
function groupSessions(traces: readonly TraceSummary[]): SessionRow[] {
  const sessions = new Map<string, SessionRow>();
  for (const trace of traces) {
    if (!trace.sessionId) continue;
    const row = sessions.get(trace.sessionId) ?? {
      sessionId: trace.sessionId,
      userId: trace.userId,
      turns: 0,
      errors: 0,
      tokens: 0,
      firstUs: trace.startTimeUs,
      lastUs: trace.startTimeUs,
      lastInput: trace.inputPreview,
    };
    row.turns += 1;
    row.errors += trace.status === 'error' ? 1 : 0;
    row.tokens += trace.totalTokens;
    row.firstUs = Math.min(row.firstUs, trace.startTimeUs);
    row.lastUs = Math.max(row.lastUs, trace.startTimeUs);
    sessions.set(trace.sessionId, row);
  }
  return [...sessions.values()].sort((a, b) => b.lastUs - a.lastUs);
}
