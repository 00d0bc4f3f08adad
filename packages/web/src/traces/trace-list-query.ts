import type { TraceListQuery } from '../api/api-client';

export type SortField = 'time' | 'name' | 'latency' | 'tokens' | 'cost' | 'status';

/** Time windows offered above the trace list, in milliseconds. */
export const timeRanges: Record<string, { label: string; milliseconds: number }> = {
  '15m': { label: 'Last 15 minutes', milliseconds: 15 * 60_000 },
  '1h': { label: 'Last hour', milliseconds: 3_600_000 },
  '24h': { label: 'Last 24 hours', milliseconds: 86_400_000 },
  '7d': { label: 'Last 7 days', milliseconds: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', milliseconds: 30 * 86_400_000 },
};

/** The URL search parameters of the trace list that filter it (everything but sort and order). */
export const filterParams = [
  'range',
  'from',
  'to',
  'name',
  'kind',
  'model',
  'status',
  'sessionId',
  'userId',
  'tags',
  'promptName',
  'promptVersion',
  'releaseId',
  'q',
] as const;

/** True when any filter is set, so an empty list means "nothing matches" rather than "no data yet". */
export function hasFilters(params: URLSearchParams): boolean {
  return filterParams.some((name) => params.get(name));
}

export function sortOf(params: URLSearchParams): { sort: SortField; order: 'asc' | 'desc' } {
  const sort = params.get('sort');
  const fields: SortField[] = ['time', 'name', 'latency', 'tokens', 'cost', 'status'];
  return {
    sort: fields.includes(sort as SortField) ? (sort as SortField) : 'time',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/**
 * The API query for the list's URL parameters. A `range` preset becomes `from` relative to `now`;
 * otherwise `from` and `to` pass through as given (ISO-8601 or epoch milliseconds).
 */
export function toTraceListQuery(params: URLSearchParams, now = Date.now()): TraceListQuery {
  const get = (name: string) => params.get(name)?.trim() || undefined;
  const range = timeRanges[params.get('range') ?? ''];
  return {
    from: range ? new Date(now - range.milliseconds).toISOString() : toIsoTime(get('from')),
    to: range ? undefined : toIsoTime(get('to')),
    name: get('name'),
    kind: get('kind'),
    model: get('model'),
    status: get('status'),
    sessionId: get('sessionId'),
    userId: get('userId'),
    tags: get('tags'),
    promptName: get('promptName'),
    promptVersion: get('promptVersion'),
    releaseId: get('releaseId'),
    q: get('q'),
    ...sortOf(params),
  };
}

/** `datetime-local` values carry no zone; they mean the viewer's local time. */
function toIsoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return new Date(Number(value)).toISOString();
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The sort after clicking a column header: the same column flips, another starts at its natural order. */
export function nextSort(current: { sort: SortField; order: 'asc' | 'desc' }, clicked: SortField) {
  if (current.sort === clicked)
    return { sort: clicked, order: current.order === 'asc' ? 'desc' : 'asc' } as const;
  return { sort: clicked, order: clicked === 'name' ? 'asc' : 'desc' } as const;
}
