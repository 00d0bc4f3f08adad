import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { capabilities, type ModelCard } from '../api/model-types';
import { compareModels, listModels } from '../api/models-api';
import { useResource } from '../api/use-resource';
import { formatCost } from '../format/format-values';
import { useApiClient } from '../shell/auth-provider';
import { ErrorPanel } from '../shell/error-panel';
import { headClass } from '../ui/controls';
import { useParamUpdater } from '../ui/use-param-updater';
import { formatPrice, formatTokens, SourceBadge, WeightsText } from './model-format';
import { ModelPicker } from './model-picker';
import { ModelsHeader } from './models-header';
import { maxCompared } from './models-page';

/** A call of 1,000 input and 500 output tokens, to make per-million prices concrete. */
const sampleCall = { input: 1000, output: 500 };

interface Row {
  label: string;
  value: (model: ModelCard) => ReactNode;
  /** The best value wins a highlight: the lowest price, the largest context. */
  best?: { of: (model: ModelCard) => number | null; prefer: 'low' | 'high' };
}

const rows: Row[] = [
  { label: 'Provider', value: (model) => model.providerName },
  {
    label: 'Input $/M tokens',
    value: (model) => formatPrice(model.pricing.input),
    best: { of: (model) => model.pricing.input, prefer: 'low' },
  },
  {
    label: 'Output $/M tokens',
    value: (model) => formatPrice(model.pricing.output),
    best: { of: (model) => model.pricing.output, prefer: 'low' },
  },
  { label: 'Cache read $/M', value: (model) => formatPrice(model.pricing.cacheRead) },
  {
    label: `A call of ${sampleCall.input / 1000}k in + ${sampleCall.output} out`,
    value: (model) => formatCost(sampleCost(model)),
    best: { of: sampleCost, prefer: 'low' },
  },
  {
    label: 'Context window',
    value: (model) => formatTokens(model.contextWindow),
    best: { of: (model) => model.contextWindow, prefer: 'high' },
  },
  {
    label: 'Max output',
    value: (model) => formatTokens(model.maxOutputTokens),
    best: { of: (model) => model.maxOutputTokens, prefer: 'high' },
  },
  { label: 'Input modalities', value: (model) => model.modalities.input.join(', ') || '–' },
  ...capabilities.map(
    (capability): Row => ({
      label: capability.label,
      value: (model) =>
        model.capabilities[capability.key] ? (
          <span className="text-emerald-700">✓ yes</span>
        ) : (
          <span className="text-slate-400">no</span>
        ),
    }),
  ),
  { label: 'Weights', value: (model) => <WeightsText model={model} /> },
  { label: 'Released', value: (model) => model.releaseDate ?? '–' },
  { label: 'Knowledge cutoff', value: (model) => model.knowledgeCutoff ?? '–' },
  { label: 'Source', value: (model) => <SourceBadge source={model.source} /> },
];

function sampleCost(model: ModelCard): number | null {
  const { input, output } = model.pricing;
  if (input === null || output === null) return null;
  return (input * sampleCall.input + output * sampleCall.output) / 1_000_000;
}

/** Discover › Models › Compare: up to four models side by side, the best value of each row highlighted. */
export function ComparePage() {
  const client = useApiClient();
  const [params, update] = useParamUpdater();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean);
  const compared = useResource(`compare:${ids.join(',')}`, (signal) =>
    ids.length === 0 ? Promise.resolve({ models: [] }) : compareModels(client, ids, signal),
  );
  const garden = useResource('compare-garden', (signal) => listModels(client, {}, signal));
  const options = (garden.data?.models ?? []).map((model) => ({ id: model.id, hint: model.name }));
  const setIds = (next: string[]) => update({ ids: next.slice(0, maxCompared).join(',') });
  const models = compared.data?.models ?? [];
  return (
    <div className="flex h-full flex-col">
      <ModelsHeader title="Models">
        {ids.length < maxCompared && (
          <ModelPicker
            label="Add a model to compare"
            options={options}
            exclude={ids}
            onPick={(id) => setIds([...ids, id])}
          />
        )}
      </ModelsHeader>
      {compared.error && <ErrorPanel error={compared.error} onRetry={compared.reload} />}
      {ids.length === 0 && (
        <p className="p-6 text-slate-600 text-sm">
          Pick models to compare: tick them in the{' '}
          <Link href="/models" className="text-indigo-700 hover:underline">
            garden
          </Link>
          , or add them by id above.
        </p>
      )}
      {models.length > 0 && (
        <div className="min-h-0 flex-1 overflow-auto p-4">
          <table className="w-full table-fixed border-collapse bg-white text-sm" data-testid="compare-table">
            <thead className={headClass}>
              <tr>
                <th scope="col" className="w-48 px-3 py-2 text-left font-medium">
                  {models.length} models
                </th>
                {models.map((model) => (
                  <th key={model.id} scope="col" className="px-3 py-2 text-left align-top font-medium">
                    <div className="flex items-start gap-2">
                      <Link
                        href={`/models/${encodeURIComponent(model.id)}`}
                        className="min-w-0 flex-1 text-slate-900 text-sm hover:underline"
                      >
                        {model.name}
                        <div className="truncate font-mono font-normal text-[11px] text-slate-500">
                          {model.id}
                        </div>
                      </Link>
                      <button
                        type="button"
                        aria-label={`Remove ${model.id} from the comparison`}
                        onClick={() => setIds(ids.filter((id) => id !== model.id))}
                        className="text-slate-400 hover:text-slate-700"
                      >
                        ×
                      </button>
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const best = bestIndexes(models, row);
                return (
                  <tr key={row.label} className="border-slate-100 border-b">
                    <th scope="row" className="px-3 py-1.5 text-left font-normal text-slate-500">
                      {row.label}
                    </th>
                    {models.map((model, index) => (
                      <td
                        key={model.id}
                        data-best={best.has(index) || undefined}
                        className={`px-3 py-1.5 ${best.has(index) ? 'bg-emerald-50 font-semibold text-emerald-800' : ''}`}
                      >
                        {row.value(model)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Columns holding the row's best value, when the row has one and the models differ in it. */
function bestIndexes(models: readonly ModelCard[], row: Row): Set<number> {
  if (!row.best || models.length < 2) return new Set();
  const values = models.map(row.best.of);
  const known = values.filter((value): value is number => value !== null);
  if (known.length < 2 || known.every((value) => value === known[0])) return new Set();
  const target = row.best.prefer === 'low' ? Math.min(...known) : Math.max(...known);
  return new Set(values.flatMap((value, index) => (value === target ? [index] : [])));
}
