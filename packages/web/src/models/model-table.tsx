import { Link } from 'wouter';
import type { ModelCard } from '../api/model-types';
import { headClass } from '../ui/controls';
import { SortHeader, type SortState } from '../ui/sort-header';
import { CapabilityBadges, formatPrice, formatTokens, SourceBadge, WeightsText } from './model-format';

export type ModelSortField = 'name' | 'provider' | 'input' | 'output' | 'context' | 'maxOutput' | 'released';
export const modelSortFields: readonly ModelSortField[] = [
  'name',
  'provider',
  'input',
  'output',
  'context',
  'maxOutput',
  'released',
];

const numeric: Partial<Record<ModelSortField, (model: ModelCard) => number | null>> = {
  input: (model) => model.pricing.input,
  output: (model) => model.pricing.output,
  context: (model) => model.contextWindow,
  maxOutput: (model) => model.maxOutputTokens,
};

/** Sorts a copy of `models`; unknown values (no price, no context) go last in both orders. */
export function sortModels(models: readonly ModelCard[], sort: SortState<ModelSortField>): ModelCard[] {
  const direction = sort.order === 'asc' ? 1 : -1;
  const value = numeric[sort.field];
  const text = (model: ModelCard) =>
    sort.field === 'provider'
      ? model.providerName
      : sort.field === 'released'
        ? (model.releaseDate ?? '')
        : model.name;
  return [...models].sort((a, b) => {
    if (value) {
      const left = value(a);
      const right = value(b);
      if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
      return (left - right) * direction || a.id.localeCompare(b.id);
    }
    const left = text(a);
    const right = text(b);
    if (!left || !right) return left === right ? 0 : left ? -1 : 1;
    return left.localeCompare(right) * direction || a.id.localeCompare(b.id);
  });
}

/** The model garden as a dense table; `cursor` is the keyboard row, `selected` the models picked to compare. */
export function ModelTable({
  models,
  sort,
  onSort,
  cursor,
  selected,
  onToggle,
  onOpen,
}: {
  models: ModelCard[];
  sort: SortState<ModelSortField>;
  onSort: (sort: SortState<ModelSortField>) => void;
  cursor: number;
  selected: readonly string[];
  onToggle: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  const header = (
    field: ModelSortField,
    label: string,
    right = false,
    firstOrder: 'asc' | 'desc' = 'asc',
  ) => (
    <SortHeader
      field={field}
      label={label}
      sort={sort}
      onSort={onSort}
      align={right ? 'right' : 'left'}
      firstOrder={firstOrder}
    />
  );
  return (
    <table className="w-full border-collapse text-sm" data-testid="model-table">
      <thead className={headClass}>
        <tr>
          <th scope="col" className="w-8 px-2 py-1.5">
            <span className="sr-only">Compare</span>
          </th>
          {header('name', 'Model')}
          {header('provider', 'Provider')}
          {header('input', 'Input $/M', true)}
          {header('output', 'Output $/M', true)}
          <th scope="col" className="px-2 py-1.5 text-right font-medium">
            Cache read
          </th>
          {header('context', 'Context', true, 'desc')}
          {header('maxOutput', 'Max output', true, 'desc')}
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Capabilities
          </th>
          <th scope="col" className="px-2 py-1.5 text-left font-medium">
            Weights
          </th>
          {header('released', 'Released', false, 'desc')}
        </tr>
      </thead>
      <tbody>
        {models.map((model, index) => {
          const checked = selected.includes(model.id);
          return (
            <tr
              key={model.id}
              data-model-id={model.id}
              aria-selected={index === cursor}
              onClick={(event) => {
                if (!(event.target as HTMLElement).closest('a,input')) onOpen(model.id);
              }}
              className={`cursor-pointer border-slate-100 border-b ${
                index === cursor ? 'bg-indigo-50 outline outline-1 outline-indigo-300' : 'hover:bg-slate-50'
              }`}
            >
              <td className="px-2 py-1 text-center">
                <input
                  type="checkbox"
                  aria-label={`Compare ${model.id}`}
                  checked={checked}
                  disabled={!checked && selected.length >= 4}
                  onChange={() => onToggle(model.id)}
                  className="accent-indigo-600"
                />
              </td>
              <td className="max-w-72 px-2 py-1">
                <Link
                  href={`/models/${encodeURIComponent(model.id)}`}
                  className="block truncate font-medium text-slate-900 hover:underline"
                >
                  {model.name}
                </Link>
                <div className="flex items-center gap-1 truncate font-mono text-[11px] text-slate-400">
                  {model.id}
                  {model.source !== 'catalog' && <SourceBadge source={model.source} />}
                </div>
              </td>
              <td className="max-w-40 truncate px-2 py-1 text-slate-600">{model.providerName}</td>
              <td className="whitespace-nowrap px-2 py-1 text-right">{formatPrice(model.pricing.input)}</td>
              <td className="whitespace-nowrap px-2 py-1 text-right">{formatPrice(model.pricing.output)}</td>
              <td className="whitespace-nowrap px-2 py-1 text-right text-slate-500">
                {formatPrice(model.pricing.cacheRead)}
              </td>
              <td className="whitespace-nowrap px-2 py-1 text-right">{formatTokens(model.contextWindow)}</td>
              <td className="whitespace-nowrap px-2 py-1 text-right text-slate-600">
                {formatTokens(model.maxOutputTokens)}
              </td>
              <td className="px-2 py-1">
                <CapabilityBadges model={model} />
              </td>
              <td className="max-w-36 truncate px-2 py-1">
                <WeightsText model={model} />
              </td>
              <td className="whitespace-nowrap px-2 py-1 text-slate-600">{model.releaseDate ?? '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
