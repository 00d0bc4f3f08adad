import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceListQuery } from '../api/api-client';
import { type ApiError, toApiError } from '../api/api-error';
import type { TraceSummary } from '../api/types';
import { useApiClient } from '../shell/auth-provider';

const pageSize = 50;
const livePollMilliseconds = 2000;

export interface TraceList {
  traces: TraceSummary[];
  status: 'loading' | 'ok' | 'error';
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Trace ids that arrived through live mode in the last poll, to highlight them. */
  arrived: ReadonlySet<string>;
}

/**
 * One trace list: first page, cursor paging, and (when `live`) a poll every 2 s for traces that
 * started at or after the newest one shown, prepended or updated in place.
 */
export function useTraceList(query: TraceListQuery, live: boolean): TraceList {
  const client = useApiClient();
  const key = JSON.stringify(query);
  const [traces, setTraces] = useState<TraceSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<TraceList['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [arrived, setArrived] = useState<ReadonlySet<string>>(new Set());
  const tracesRef = useRef(traces);
  tracesRef.current = traces;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query; `attempt` forces a reload
  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    setError(null);
    client.listTraces({ ...query, limit: pageSize }, controller.signal).then(
      (page) => {
        setTraces(page.traces);
        setCursor(page.nextCursor);
        setArrived(new Set());
        setStatus('ok');
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(failure));
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [client, key, attempt]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the query
  useEffect(() => {
    if (!live || status !== 'ok') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const newest = Math.max(0, ...tracesRef.current.map((trace) => trace.startTimeUs));
      const from = newest > 0 ? new Date(Math.floor(newest / 1000)).toISOString() : query.from;
      try {
        const page = await client.listTraces({ ...query, from, sort: 'time', order: 'desc', limit: 100 });
        if (!stopped) {
          const fresh = mergeNewest(tracesRef.current, page.traces);
          setTraces(fresh.traces);
          setArrived(fresh.added);
          setError(null);
        }
      } catch (failure) {
        if (!stopped) setError(toApiError(failure)); // shown, and the next poll tries again
      }
      if (!stopped) timer = setTimeout(poll, livePollMilliseconds);
    };
    timer = setTimeout(poll, livePollMilliseconds);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, key, live, status]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    client.listTraces({ ...query, limit: pageSize, cursor }).then(
      (page) => {
        setTraces((current) => appendUnique(current, page.traces));
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        setError(toApiError(failure));
        setLoadingMore(false);
      },
    );
  }, [client, query, cursor, loadingMore]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  return { traces, status, error, hasMore: cursor !== null, loadingMore, loadMore, reload, arrived };
}

function appendUnique(current: TraceSummary[], page: TraceSummary[]): TraceSummary[] {
  const seen = new Set(current.map((trace) => trace.traceId));
  return [...current, ...page.filter((trace) => !seen.has(trace.traceId))];
}

/** Updates traces already shown (more spans may have arrived) and puts unseen ones on top, newest first. */
export function mergeNewest(current: TraceSummary[], newest: TraceSummary[]) {
  const byId = new Map(newest.map((trace) => [trace.traceId, trace]));
  const shown = new Set(current.map((trace) => trace.traceId));
  const added = newest.filter((trace) => !shown.has(trace.traceId));
  const updated = current.map((trace) => byId.get(trace.traceId) ?? trace);
  return { traces: [...added, ...updated], added: new Set(added.map((trace) => trace.traceId)) };
}
