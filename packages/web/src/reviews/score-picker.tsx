import type { ScoreConfig } from '../api/reviews-api';
import { inputClass } from '../ui/controls';
import { scoreOptions } from './score-options';

/** One score config's answers as buttons (with their keys), or a number field for numeric ranges. */
export function ScorePicker({
  config,
  value,
  active,
  onChange,
  onActivate,
}: {
  config: ScoreConfig;
  value: number | undefined;
  active: boolean;
  onChange: (value: number) => void;
  onActivate: () => void;
}) {
  const options = scoreOptions(config);
  return (
    <fieldset
      className={`rounded border px-3 py-2 ${active ? 'border-indigo-400 bg-indigo-50' : 'border-slate-200 bg-white'}`}
      data-testid={`score-${config.name}`}
      onFocus={onActivate}
    >
      <legend className="px-1 font-medium text-sm">
        {config.name}
        {active && <span className="ml-2 text-indigo-600 text-xs">keys apply here (↑/↓ to switch)</span>}
      </legend>
      {config.description && <p className="mb-2 text-slate-600 text-xs">{config.description}</p>}
      {options.length > 0 ? (
        <div className="flex flex-wrap gap-1.5">
          {options.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={value === option.value}
              onClick={() => onChange(option.value)}
              className={`rounded border px-2 py-1 text-sm ${
                value === option.value
                  ? 'border-indigo-600 bg-indigo-600 text-white'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
              }`}
            >
              <kbd className="mr-1 font-mono text-xs opacity-70">{option.key}</kbd>
              {option.label}
            </button>
          ))}
        </div>
      ) : (
        <label className="flex items-center gap-2 text-sm">
          <span className="text-slate-600">
            {config.min} – {config.max}
          </span>
          <input
            type="number"
            aria-label={`${config.name} value`}
            className={`w-28 ${inputClass}`}
            min={config.min}
            max={config.max}
            step="any"
            value={value ?? ''}
            onChange={(event) => {
              const parsed = Number(event.target.value);
              if (event.target.value !== '' && Number.isFinite(parsed)) onChange(parsed);
            }}
          />
        </label>
      )}
    </fieldset>
  );
}
