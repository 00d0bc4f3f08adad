import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { type ExperimentSummary, getExperiment, type ItemSummary } from '../api/experiments-api';
import { useApiClient } from '../shell/auth-provider';

export interface ExperimentItems {
  items: ItemSummary[];
  /** Items on all pages: every item, or every flaky one. */
  total: number;
  status: 'loading' | 'ok' | 'error';
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  onlyFlaky: boolean;
  setOnlyFlaky(onlyFlaky: boolean): void;
}

interface Loaded {
  items: ItemSummary[];
  total: number;
  cursor: string | null;
}

const loaded = (summary: ExperimentSummary): Loaded => ({
  items: summary.itemSummaries,
  total: summary.itemsTotal,
  cursor: summary.nextItemsCursor,
});

/**
 * An experiment's items by item id: the first page came with `summary`, "load more" appends the next.
 * The flaky filter is the server's, so it covers every item, not only the pages loaded so far.
 */
export function useExperimentItems(id: string, summary: ExperimentSummary): ExperimentItems {
  const client = useApiClient();
  const [onlyFlaky, setOnlyFlaky] = useState(false);
  const [list, setList] = useState<Loaded>(() => loaded(summary));
  const [status, setStatus] = useState<ExperimentItems['status']>('ok');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // One request at a time: a new filter or summary cancels a "load more" still in flight.
  const inFlight = useRef<AbortController | null>(null);
  const start = () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    return controller;
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `start` only touches the ref
  useEffect(() => {
    const controller = start();
    setError(null);
    setLoadingMore(false);
    if (!onlyFlaky) {
      setList(loaded(summary));
      setStatus('ok');
      return;
    }
    setStatus('loading');
    getExperiment(client, id, { itemsFilter: 'flaky' }, controller.signal).then(
      (page) => {
        setList(loaded(page.summary));
        setStatus('ok');
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(failure));
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [client, id, summary, onlyFlaky]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `start` only touches the ref
  const loadMore = useCallback(() => {
    if (!list.cursor || loadingMore) return;
    const controller = start();
    setLoadingMore(true);
    const query = { itemsCursor: list.cursor, itemsFilter: onlyFlaky ? 'flaky' : 'all' } as const;
    getExperiment(client, id, query, controller.signal).then(
      (page) => {
        setList((current) => ({
          items: appendUnique(current.items, page.summary.itemSummaries),
          total: page.summary.itemsTotal,
          cursor: page.summary.nextItemsCursor,
        }));
        setLoadingMore(false);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(toApiError(failure));
        setLoadingMore(false);
      },
    );
  }, [client, id, list.cursor, loadingMore, onlyFlaky]);

  return {
    ...list,
    status,
    error,
    hasMore: list.cursor !== null,
    loadingMore,
    loadMore,
    onlyFlaky,
    setOnlyFlaky,
  };
}

function appendUnique(current: ItemSummary[], page: ItemSummary[]): ItemSummary[] {
  const seen = new Set(current.map((item) => item.itemId));
  return [...current, ...page.filter((item) => !seen.has(item.itemId))];
}
