import type { PromptVariable } from '../api/registry-types';
import { inputClass } from '../ui/controls';

/** What the user typed per variable; booleans are 'true' or 'false'. */
export type RawValues = Record<string, string>;

/**
 * The values to render with: typed by each variable's declaration. Empty fields are left out, so the
 * variable's default applies (or the server names it as missing); a json field that does not parse is an error.
 */
export function parseValues(
  variables: readonly PromptVariable[],
  raw: RawValues,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const variable of variables) {
    const text = raw[variable.name];
    if (text === undefined || (text === '' && variable.type !== 'string')) continue;
    if (text === '' && variable.default !== undefined) continue;
    if (variable.type === 'number') {
      const number = Number(text);
      if (Number.isFinite(number)) values[variable.name] = number;
      else errors[variable.name] = 'not a number';
    } else if (variable.type === 'boolean') {
      values[variable.name] = text === 'true';
    } else if (variable.type === 'json') {
      try {
        values[variable.name] = JSON.parse(text);
      } catch (error) {
        errors[variable.name] = `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
      }
    } else {
      values[variable.name] = text;
    }
  }
  return { values, errors };
}

/** One input per variable, shaped by its type: text, number, checkbox, or a JSON box. */
export function VariablesForm({
  variables,
  declared,
  raw,
  errors,
  onChange,
}: {
  variables: readonly PromptVariable[];
  /** Names declared by the saved version; others are new in the draft. */
  declared: ReadonlySet<string>;
  raw: RawValues;
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  if (variables.length === 0)
    return <p className="text-slate-500 text-sm">This prompt takes no variables.</p>;
  return (
    <div className="space-y-2" data-testid="variables-form">
      {variables.map((variable) => {
        const value = raw[variable.name] ?? '';
        const id = `variable-${variable.name}`;
        const placeholder =
          variable.default !== undefined
            ? `default: ${JSON.stringify(variable.default)}`
            : variable.description;
        return (
          <div key={variable.name} className="grid grid-cols-[8rem_1fr] items-start gap-x-2 text-sm">
            <label htmlFor={id} className="pt-1">
              <span className="font-mono">{variable.name}</span>
              <span className="block text-[11px] text-slate-400">
                {variable.type}
                {variable.required && variable.default === undefined ? ', required' : ''}
                {declared.has(variable.name) ? '' : ', new'}
              </span>
            </label>
            <div>
              {variable.type === 'boolean' ? (
                <input
                  id={id}
                  type="checkbox"
                  checked={value === 'true'}
                  onChange={(event) => onChange(variable.name, String(event.target.checked))}
                  className="mt-1.5 accent-indigo-600"
                />
              ) : variable.type === 'json' || variable.type === 'string' ? (
                <textarea
                  id={id}
                  rows={variable.type === 'json' ? 3 : Math.min(6, Math.max(1, value.split('\n').length))}
                  value={value}
                  placeholder={placeholder}
                  onChange={(event) => onChange(variable.name, event.target.value)}
                  className={`${inputClass} w-full resize-y ${variable.type === 'json' ? 'font-mono text-xs' : ''}`}
                />
              ) : (
                <input
                  id={id}
                  type="number"
                  step="any"
                  value={value}
                  placeholder={placeholder}
                  onChange={(event) => onChange(variable.name, event.target.value)}
                  className={`${inputClass} w-40`}
                />
              )}
              {variable.description && <p className="text-[11px] text-slate-400">{variable.description}</p>}
              {errors[variable.name] && (
                <p role="alert" className="text-red-700 text-xs">
                  {errors[variable.name]}
                </p>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
