import { type RefObject, useEffect, useState } from 'react';
import { type Capability, capabilities, type ModelFilter, type ProviderStatus } from '../api/model-types';
import { inputClass, selectClass } from '../ui/controls';
import type { UpdateParams } from '../ui/use-param-updater';

/** URL parameters of the garden that filter it (the server applies them). */
export const modelFilterParams = [
  'q',
  'provider',
  'maxInputPrice',
  'maxOutputPrice',
  'minContext',
  'capability',
  'openWeights',
  'source',
] as const;

export function toModelFilter(params: URLSearchParams): ModelFilter {
  const filter: ModelFilter = {};
  for (const name of modelFilterParams) {
    const value = params.get(name)?.trim();
    if (value) filter[name] = value;
  }
  return filter;
}

const contextOptions = [8_000, 32_000, 128_000, 200_000, 1_000_000];

/** Search, provider, prices, context, capabilities, weights and source; every value lives in the URL. */
export function ModelFilters({
  params,
  update,
  providers,
  searchRef,
}: {
  params: URLSearchParams;
  update: UpdateParams;
  providers: ProviderStatus[];
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const required = new Set((params.get('capability') ?? '').split(',').filter(Boolean));
  const toggleCapability = (key: Capability, on: boolean) => {
    const next = new Set(required);
    if (on) next.add(key);
    else next.delete(key);
    update({
      capability: capabilities
        .filter((item) => next.has(item.key))
        .map((item) => item.key)
        .join(','),
    });
  };
  return (
    <div className="flex flex-wrap items-center gap-2 border-slate-200 border-b bg-white px-4 py-2 text-sm">
      <DebouncedInput
        inputRef={searchRef}
        label="Search models"
        placeholder="Search models   ( / )"
        value={params.get('q') ?? ''}
        onCommit={(value) => update({ q: value })}
        className="w-44"
      />
      <select
        aria-label="Provider"
        value={params.get('provider') ?? ''}
        onChange={(event) => update({ provider: event.target.value })}
        className={`${selectClass} max-w-36`}
      >
        <option value="">Any provider</option>
        {providers.map((provider) => (
          <option key={provider.provider} value={provider.provider}>
            {provider.name} ({provider.models})
          </option>
        ))}
      </select>
      <DebouncedInput
        label="Max input price"
        placeholder="Max in $/M"
        type="number"
        value={params.get('maxInputPrice') ?? ''}
        onCommit={(value) => update({ maxInputPrice: value })}
        className="w-24"
      />
      <DebouncedInput
        label="Max output price"
        placeholder="Max out $/M"
        type="number"
        value={params.get('maxOutputPrice') ?? ''}
        onCommit={(value) => update({ maxOutputPrice: value })}
        className="w-24"
      />
      <select
        aria-label="Minimum context"
        value={params.get('minContext') ?? ''}
        onChange={(event) => update({ minContext: event.target.value })}
        className={selectClass}
      >
        <option value="">Any context</option>
        {contextOptions.map((tokens) => (
          <option key={tokens} value={tokens}>
            ≥ {tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${tokens / 1000}k`} tokens
          </option>
        ))}
      </select>
      {capabilities.map((capability) => (
        <Toggle
          key={capability.key}
          label={capability.label}
          checked={required.has(capability.key)}
          onChange={(on) => toggleCapability(capability.key, on)}
        />
      ))}
      <Toggle
        label="Open weights"
        checked={params.get('openWeights') === 'true'}
        onChange={(on) => update({ openWeights: on ? 'true' : '' })}
      />
      <select
        aria-label="Source"
        value={params.get('source') ?? ''}
        onChange={(event) => update({ source: event.target.value })}
        className={selectClass}
      >
        <option value="">Any source</option>
        <option value="catalog">Catalog</option>
        <option value="endpoint">Your endpoints</option>
        <option value="gguf">Local GGUF</option>
      </select>
    </div>
  );
}

function Toggle(props: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label
      className={`flex cursor-pointer items-center gap-1 rounded border px-1.5 py-0.5 ${
        props.checked ? 'border-indigo-300 bg-indigo-50 text-indigo-800' : 'border-slate-200 text-slate-600'
      }`}
    >
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        className="accent-indigo-600"
      />
      {props.label}
    </label>
  );
}

/** A text or number filter applied 300 ms after typing stops, or at once on Enter. */
function DebouncedInput(props: {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (value: string) => void;
  type?: 'text' | 'number';
  className?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { value, onCommit } = props;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onCommit(draft.trim()), 300);
    return () => clearTimeout(timer);
  }, [draft, value, onCommit]);
  return (
    <input
      ref={props.inputRef}
      type={props.type === 'number' ? 'number' : 'search'}
      min={props.type === 'number' ? 0 : undefined}
      step="any"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(draft.trim());
        if (event.key === 'Escape') event.currentTarget.blur();
      }}
      className={`${inputClass} ${props.className ?? ''} ${value ? 'border-indigo-400 bg-indigo-50' : ''}`}
    />
  );
}
