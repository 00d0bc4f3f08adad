import { useCallback, useEffect, useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import type { TraceScore, TraceSummary } from '../api/types';
import { useResource } from '../api/use-resource';
import { AddToDataset } from '../datasets/add-to-dataset';
import { formatCost, formatCount, formatDuration, formatTimeUs } from '../format/format-values';
import { AddToReviewQueue } from '../reviews/add-to-review-queue';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { isTyping } from '../shell/use-list-keyboard';
import { indexSpans } from './flatten-span-tree';
import { LineagePanel } from './lineage-panel';
import { lastList } from './list-memory';
import { releaseHref } from './registry-links';
import { SpanDetail } from './span-detail';
import { SpanTreeView } from './span-tree-view';
import { TraceScores } from './trace-scores';
import { StatusBadge } from './trace-table';

/** One trace: the span tree with its waterfall on the left, the selected span on the right. Esc goes back. */
export function TracePage({ traceId }: { traceId: string }) {
  const client = useApiClient();
  const [, navigate] = useLocation();
  const [params, setParams] = useSearchParams();
  const detail = useResource(`trace:${traceId}`, (signal) => client.getTrace(traceId, signal));
  const spans = useMemo(() => (detail.data ? indexSpans(detail.data.tree) : new Map()), [detail.data]);
  // An unknown `span` (a stale link) falls back to the root, like no `span` at all.
  const requested = params.get('span');
  const selected = (requested ? spans.get(requested) : undefined) ?? detail.data?.tree[0]?.span;
  const selectedId = selected?.spanId ?? null;

  const select = useCallback((spanId: string) => setParams({ span: spanId }, { replace: true }), [setParams]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || isTyping(event.target)) return;
      if (document.querySelector('[role="menu"]')) return; // the open menu closes first
      navigate(lastList().url);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  if (detail.status === 'error') return <ErrorPanel error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <p className="p-4 text-slate-500 text-sm">Loading trace…</p>;
  const { trace, tree, scores = [] } = detail.data;
  return (
    <div className="flex h-full flex-col">
      <TraceHeader trace={trace} scores={scores} />
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-[1.15] overflow-auto border-slate-200 border-r bg-white">
          <SpanTreeView tree={tree} selectedId={selectedId} onSelect={select} />
        </div>
        <div className="min-w-0 flex-1 overflow-auto bg-slate-50">
          {selected ? (
            <SpanDetail key={selected.spanId} span={selected} />
          ) : (
            <p className="p-4 text-slate-500 text-sm">Select a span.</p>
          )}
        </div>
      </div>
    </div>
  );
}

function TraceHeader({ trace, scores }: { trace: TraceSummary; scores: TraceScore[] }) {
  return (
    <div className="border-slate-200 border-b bg-white px-4 py-2">
      <div className="flex items-center gap-3">
        <Link
          href={lastList().url}
          className="text-slate-500 text-sm hover:text-slate-800"
          title="Back (Esc)"
        >
          ← Traces
        </Link>
        <h1 className="truncate font-semibold text-lg" data-testid="trace-name">
          {trace.name}
        </h1>
        <StatusBadge status={trace.status} errorCount={trace.errorCount} />
        <span className="ml-auto flex gap-2">
          <AddToReviewQueue traceId={trace.traceId} />
          <AddToDataset traceId={trace.traceId} label="Add to dataset" />
        </span>
      </div>
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-slate-600 text-sm">
        <span>{formatTimeUs(trace.startTimeUs)}</span>
        <span>
          <span className="text-slate-400">latency</span> {formatDuration(trace.durationMs)}
        </span>
        <span>
          <span className="text-slate-400">spans</span> {trace.spanCount}
        </span>
        <span title={`${trace.inputTokens} in · ${trace.outputTokens} out`}>
          <span className="text-slate-400">tokens</span> {formatCount(trace.totalTokens)}
        </span>
        <span>
          <span className="text-slate-400">cost</span> {formatCost(trace.cost)}
        </span>
        {trace.models.length > 0 && <span>{trace.models.join(', ')}</span>}
        {trace.sessionId && (
          <Link
            href={`/sessions/${encodeURIComponent(trace.sessionId)}`}
            className="text-sky-700 hover:underline"
          >
            session {trace.sessionId}
          </Link>
        )}
        {trace.userId && <span>user {trace.userId}</span>}
        {trace.releaseId && (
          <Link href={releaseHref(trace.releaseId)} className="text-indigo-700 hover:underline">
            release {trace.releaseId}
          </Link>
        )}
        {trace.tags.map((tag) => (
          <span key={tag} className="rounded bg-amber-50 px-1 text-amber-800">
            {tag}
          </span>
        ))}
        <span className="font-mono text-slate-400 text-xs leading-5">{trace.traceId}</span>
      </div>
      <LineagePanel traceId={trace.traceId} />
      <TraceScores scores={scores} />
    </div>
  );
}
