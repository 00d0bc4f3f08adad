import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { listModels, listProviders } from '../api/models-api';
import { useResource } from '../api/use-resource';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { isTyping, useListKeyboard } from '../shell/use-list-keyboard';
import { buttonClass, primaryButtonClass } from '../ui/controls';
import { pageMemory, rememberPage } from '../ui/page-memory';
import type { SortState } from '../ui/sort-header';
import { useParamUpdater } from '../ui/use-param-updater';
import { ModelFilters, modelFilterParams, toModelFilter } from './model-filters';
import { type ModelSortField, ModelTable, modelSortFields, sortModels } from './model-table';
import { ModelsHeader } from './models-header';

// uPlot loads with the first chart, not with the garden.
const PriceContextChart = lazy(() => import('./price-context-chart'));

/** Most models compared side by side. */
export const maxCompared = 4;

/** Discover › Models: the model garden, filtered by the server and sorted here, with models picked to compare. */
export function ModelsPage() {
  const client = useApiClient();
  const [location, navigate] = useLocation();
  const [params, update] = useParamUpdater();
  const filter = toModelFilter(params);
  const filterKey = JSON.stringify(filter);
  const models = useResource(`models:${filterKey}`, (signal) => listModels(client, filter, signal));
  const providers = useResource('providers', (signal) => listProviders(client, signal));
  const sortField = params.get('sort');
  const sortOrder = params.get('order');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the sort is read from these two parameters
  const sort = useMemo(() => sortOf(params), [sortField, sortOrder]);
  const sorted = useMemo(() => sortModels(models.data?.models ?? [], sort), [models.data, sort]);
  const selected = (params.get('selected') ?? '').split(',').filter(Boolean);
  const searchRef = useRef<HTMLInputElement>(null);
  const [cursorId, setCursorId] = useState<string | null>(() => pageMemory('models', '').openedId);
  // The cursor follows a model, not a position; until one is chosen it rests on the first row.
  const found = sorted.findIndex((model) => model.id === cursorId);
  const cursor = found >= 0 ? found : sorted.length > 0 ? 0 : -1;

  const toggle = useCallback(
    (id: string) => {
      const next = selected.includes(id) ? selected.filter((item) => item !== id) : [...selected, id];
      update({ selected: next.slice(0, maxCompared).join(',') });
    },
    [selected, update],
  );
  const open = useCallback(
    (id: string) => {
      rememberPage('models', `${location}?${params.toString()}`, id);
      navigate(`/models/${encodeURIComponent(id)}`);
    },
    [location, params, navigate],
  );
  const compare = () => navigate(`/models/compare?ids=${selected.map(encodeURIComponent).join(',')}`);

  useListKeyboard({
    count: sorted.length,
    selected: cursor,
    setSelected: (index) => setCursorId(sorted[index]?.id ?? null),
    onOpen: (index) => {
      const model = sorted[index];
      if (model) open(model.id);
    },
    onSearch: () => searchRef.current?.focus(),
  });
  // x toggles the row under the cursor for comparison; c opens the comparison.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const model = sorted[cursor];
      if (event.key === 'x' && model) toggle(model.id);
      if (event.key === 'c' && selected.length > 0) compare();
      if (event.key === 'g') update({ chart: params.get('chart') ? '' : '1' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });
  useEffect(() => {
    if (cursor < 0) return;
    document.querySelector(`tbody tr:nth-child(${cursor + 1})`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const filtered = modelFilterParams.some((name) => params.get(name));
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models">
        <span data-testid="model-count">
          {models.data ? `${models.data.models.length} of ${models.data.total} models` : ''}
        </span>
        <label className="flex cursor-pointer items-center gap-1">
          <input
            type="checkbox"
            aria-label="Price chart"
            checked={Boolean(params.get('chart'))}
            onChange={(event) => update({ chart: event.target.checked ? '1' : '' })}
            className="accent-indigo-600"
          />
          Chart <kbd className="text-[10px]">g</kbd>
        </label>
        {filtered && (
          <button
            type="button"
            className="text-indigo-700 hover:underline"
            onClick={() => update(Object.fromEntries(modelFilterParams.map((name) => [name, ''])))}
          >
            Clear filters
          </button>
        )}
      </ModelsHeader>
      <ModelFilters
        params={params}
        update={update}
        providers={providers.data?.providers ?? []}
        searchRef={searchRef}
      />
      <CompareTray
        selected={selected}
        onRemove={toggle}
        onCompare={compare}
        onClear={() => update({ selected: '' })}
      />
      {params.get('chart') && sorted.length > 0 && (
        <Suspense fallback={<p className="px-4 py-2 text-slate-500 text-sm">Loading chart…</p>}>
          <PriceContextChart models={sorted} onOpen={open} />
        </Suspense>
      )}
      {models.error && <ErrorPanel error={models.error} onRetry={models.reload} />}
      <div className="min-h-0 flex-1 overflow-auto">
        {models.status === 'loading' && !models.data && (
          <p className="p-4 text-slate-500 text-sm">Loading models…</p>
        )}
        {models.data && sorted.length === 0 && (
          <p className="p-6 text-slate-600 text-sm">
            No model matches these filters. A model with an unknown price never passes a price limit.
          </p>
        )}
        {sorted.length > 0 && (
          <ModelTable
            models={sorted}
            sort={sort}
            onSort={(next) => update({ sort: next.field, order: next.order })}
            cursor={cursor}
            selected={selected}
            onToggle={toggle}
            onOpen={open}
          />
        )}
      </div>
    </div>
  );
}

function sortOf(params: URLSearchParams): SortState<ModelSortField> {
  const field = params.get('sort') as ModelSortField;
  return {
    field: modelSortFields.includes(field) ? field : 'name',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

function CompareTray(props: {
  selected: string[];
  onRemove: (id: string) => void;
  onCompare: () => void;
  onClear: () => void;
}) {
  if (props.selected.length === 0) {
    return (
      <p className="border-slate-200 border-b bg-slate-50 px-4 py-1 text-slate-500 text-xs">
        Tick up to {maxCompared} models (or press <kbd>x</kbd>) to compare them side by side. <kbd>Enter</kbd>{' '}
        opens a model.
      </p>
    );
  }
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-indigo-50/40 px-4 py-1.5 text-sm"
      data-testid="compare-tray"
    >
      <span className="text-slate-600">
        Compare {props.selected.length}/{maxCompared}:
      </span>
      {props.selected.map((id) => (
        <span
          key={id}
          className="inline-flex items-center gap-1 rounded bg-white px-1.5 font-mono text-xs ring-1 ring-slate-200"
        >
          {id}
          <button
            type="button"
            aria-label={`Remove ${id}`}
            onClick={() => props.onRemove(id)}
            className="text-slate-400 hover:text-slate-700"
          >
            ×
          </button>
        </span>
      ))}
      <button type="button" onClick={props.onCompare} className={primaryButtonClass}>
        Compare side by side <kbd className="opacity-70">c</kbd>
      </button>
      <button type="button" onClick={props.onClear} className={buttonClass}>
        Clear
      </button>
    </div>
  );
}
