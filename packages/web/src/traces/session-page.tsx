import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ApiClient } from '../api/api-client';
import type { TraceSummary } from '../api/types';
import { useResource } from '../api/use-resource';
import { formatCost, formatCount, formatDuration, formatTimeUs } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { isTyping } from '../shell/use-list-keyboard';
import { type ConversationTurn, conversationTurn } from './conversation-turn';
import { StatusBadge } from './trace-table';
import { TruncatedText } from './truncated-text';

/** Govern › Sessions › one session: its traces oldest first, rendered as the conversation they were. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const session = useResource(`session:${sessionId}`, (signal) => client.getSession(sessionId, signal));
  const turns = useConversationTurns(client, session.data?.traces ?? []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !isTyping(event.target)) navigate('/sessions');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  if (session.status === 'error') return <ErrorPanel error={session.error} onRetry={session.reload} />;
  if (!session.data) return <p className="p-4 text-slate-500 text-sm">Loading session…</p>;
  const traces = session.data.traces;
  const totalTokens = traces.reduce((sum, trace) => sum + trace.totalTokens, 0);
  return (
    <div className="mx-auto max-w-4xl p-4">
      <Link href="/sessions" className="text-slate-500 text-sm hover:text-slate-800">
        ← Sessions
      </Link>
      <h1 className="mt-1 font-semibold text-lg">
        Session <span className="font-mono">{sessionId}</span>
      </h1>
      <p className="mb-4 text-slate-600 text-sm">
        {traces.length} {traces.length === 1 ? 'turn' : 'turns'} · {formatCount(totalTokens)} tokens
        {traces[0]?.userId ? ` · user ${traces[0].userId}` : ''}
      </p>
      {traces.length === 0 && (
        <p className="text-slate-600 text-sm">
          No traces carry this session id. Sessions come from <code>gen_ai.conversation.id</code>,{' '}
          <code>session.id</code> or <code>sextant.session.id</code> on spans.
        </p>
      )}
      <ol className="space-y-4">
        {traces.map((trace) => (
          <TurnView key={trace.traceId} trace={trace} turn={turns.get(trace.traceId)} />
        ))}
      </ol>
    </div>
  );
}

/** Loads each trace's detail, a few at a time, to show its full messages instead of the list previews. */
function useConversationTurns(client: ApiClient, traces: TraceSummary[]): Map<string, ConversationTurn> {
  const [turns, setTurns] = useState(new Map<string, ConversationTurn>());
  const ids = traces.map((trace) => trace.traceId).join(',');
  useEffect(() => {
    const controller = new AbortController();
    const queue = ids ? ids.split(',') : [];
    const worker = async () => {
      for (let traceId = queue.shift(); traceId; traceId = queue.shift()) {
        const id = traceId;
        try {
          const detail = await client.getTrace(id, controller.signal);
          setTurns((current) => new Map(current).set(id, conversationTurn(detail.tree)));
        } catch {
          // The turn keeps showing its previews; the trace link still opens it.
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]);
    return () => controller.abort();
  }, [client, ids]);
  return turns;
}

function TurnView({ trace, turn }: { trace: TraceSummary; turn: ConversationTurn | undefined }) {
  const user = turn ? turn.user : trace.inputPreview;
  const assistant = turn ? turn.assistant : trace.outputPreview;
  return (
    <li data-testid="conversation-turn" className="space-y-2">
      <div className="flex items-center gap-3 text-slate-500 text-xs">
        <span>{formatTimeUs(trace.startTimeUs)}</span>
        <Link href={`/traces/${trace.traceId}`} className="font-medium text-indigo-700 hover:underline">
          {trace.name}
        </Link>
        <StatusBadge status={trace.status} errorCount={trace.errorCount} />
        <span>{formatDuration(trace.durationMs)}</span>
        <span>{formatCount(trace.totalTokens)} tokens</span>
        {trace.cost !== null && <span>{formatCost(trace.cost)}</span>}
      </div>
      {user && (
        <div data-role="user" className="ml-16 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2">
          <div className="mb-0.5 font-semibold text-sky-800 text-xs uppercase">user</div>
          <TruncatedText text={user} limit={4000} />
        </div>
      )}
      {assistant && (
        <div data-role="assistant" className="mr-16 rounded-lg border border-emerald-200 bg-white px-3 py-2">
          <div className="mb-0.5 font-semibold text-emerald-800 text-xs uppercase">assistant</div>
          <TruncatedText text={assistant} limit={4000} />
        </div>
      )}
      {turn?.error && (
        <div className="mr-16 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm">
          {turn.error}
        </div>
      )}
    </li>
  );
}
