import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { ErrorPanel } from '../shell/error-panel';
import { useListKeyboard } from '../shell/use-list-keyboard';
import { lastList, rememberList } from './list-memory';
import { promptHref, releaseHref } from './registry-links';
import { SendTracesHelp } from './send-traces-help';
import { TraceFilters, type UpdateParams } from './trace-filters';
import { filterParams, hasFilters, sortOf, toTraceListQuery } from './trace-list-query';
import { TraceTable } from './trace-table';
import { useTraceList } from './use-trace-list';

/** Govern › Traces: the filterable, sortable, live trace list. */
export function TraceListPage() {
  const [location, navigate] = useLocation();
  const [params, setParams] = useSearchParams();
  const live = params.get('live') === '1';
  // The query is rebuilt only when the URL changes, so a `range` preset is relative to when it was chosen.
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is the serialised `params`
  const query = useMemo(() => toTraceListQuery(params), [search]);
  const list = useTraceList(query, live);
  // The keyboard cursor follows a trace, not a position, so live arrivals on top do not move it.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = list.traces.findIndex((trace) => trace.traceId === selectedId);
  const setSelected = useCallback(
    (index: number) => setSelectedId(list.traces[index]?.traceId ?? null),
    [list.traces],
  );
  const searchRef = useRef<HTMLInputElement>(null);
  const sort = sortOf(params);

  const update: UpdateParams = useCallback(
    (changes) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      }),
    [setParams],
  );

  // Nothing selected yet (or the selected trace left the list): the opened one when coming back, else the first.
  useEffect(() => {
    if (list.status !== 'ok' || selected !== -1 || list.traces.length === 0) return;
    const opened = lastList().openedTraceId;
    const wasOpened = list.traces.some((trace) => trace.traceId === opened);
    setSelectedId(wasOpened ? opened : (list.traces[0]?.traceId ?? null));
  }, [list.status, list.traces, selected]);

  useEffect(() => {
    if (selected < 0) return;
    const row = document.querySelector(`tbody tr:nth-child(${selected + 1})`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const open = useCallback(
    (traceId: string) => {
      rememberList(`${location}${search ? `?${search}` : ''}`, traceId);
      navigate(`/traces/${traceId}`);
    },
    [location, search, navigate],
  );
  useListKeyboard({
    count: list.traces.length,
    selected,
    setSelected,
    onOpen: (index) => {
      const trace = list.traces[index];
      if (trace) open(trace.traceId);
    },
    onSearch: () => searchRef.current?.focus(),
  });

  const filtered = hasFilters(params);
  const clear = filtered ? () => update(Object.fromEntries(filterParams.map((name) => [name, '']))) : null;

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-slate-200 border-b bg-white px-4 pt-3 pb-2">
        <h1 className="font-semibold text-lg">Traces</h1>
        <span className="text-slate-500 text-sm" data-testid="trace-count">
          {list.status === 'ok' ? `${list.traces.length}${list.hasMore ? '+' : ''} shown` : ''}
        </span>
        <label className="ml-auto flex cursor-pointer items-center gap-2 text-sm">
          <input
            type="checkbox"
            aria-label="Live"
            checked={live}
            onChange={(event) =>
              update(event.target.checked ? { live: '1', sort: '', order: '' } : { live: '' })
            }
            className="accent-emerald-600"
          />
          <span className={live ? 'font-medium text-emerald-700' : 'text-slate-600'}>
            {live ? '● Live: new traces appear every 2 s' : 'Live'}
          </span>
        </label>
      </div>
      <TraceFilters params={params} update={update} clear={clear} searchRef={searchRef} />
      <RegistryFilterNote params={params} />
      {list.error && <ErrorPanel error={list.error} onRetry={list.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {list.status === 'loading' && list.traces.length === 0 && (
          <p className="p-4 text-slate-500 text-sm">Loading traces…</p>
        )}
        {list.status === 'ok' &&
          list.traces.length === 0 &&
          (filtered ? (
            <div className="p-6 text-slate-600 text-sm">
              No traces match these filters.{' '}
              <button type="button" onClick={clear ?? undefined} className="text-indigo-700 hover:underline">
                Clear filters
              </button>
            </div>
          ) : (
            <SendTracesHelp />
          ))}
        {list.traces.length > 0 && (
          <TraceTable
            traces={list.traces}
            sort={sort}
            onSort={(next) =>
              update({
                sort: next.sort,
                order: next.order,
                live: next.sort === 'time' ? (live ? '1' : '') : '',
              })
            }
            selected={selected}
            onOpen={open}
            arrived={list.arrived}
          />
        )}
        {list.hasMore && (
          <div className="p-3 text-center">
            <button
              type="button"
              onClick={list.loadMore}
              disabled={list.loadingMore}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
            >
              {list.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** When the list is filtered by a prompt or a release, a link back to it: the other half of the two-way link. */
function RegistryFilterNote({ params }: { params: URLSearchParams }) {
  const promptName = params.get('promptName');
  const promptVersion = params.get('promptVersion');
  const releaseId = params.get('releaseId');
  if (!promptName && !releaseId) return null;
  return (
    <p
      className="border-slate-200 border-b bg-indigo-50/50 px-4 py-1 text-slate-600 text-sm"
      data-testid="registry-filter"
    >
      Traces made with{' '}
      {promptName && (
        <Link href={promptHref(promptName, promptVersion)} className="text-indigo-700 hover:underline">
          prompt {promptName}
          {promptVersion ? ` v${promptVersion}` : ''}
        </Link>
      )}
      {promptName && releaseId && ' in '}
      {releaseId && (
        <Link href={releaseHref(releaseId)} className="text-indigo-700 hover:underline">
          release {releaseId}
        </Link>
      )}
    </p>
  );
}
