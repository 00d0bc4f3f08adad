import type { OnlineEvalRule } from '../api/online-evals-api';

type EvaluatorEntry = OnlineEvalRule['evaluators'][number];

/**
 * Reads the form's evaluator box: one evaluator per line, `name` or `name key=value key=value`, values
 * read as JSON when they parse (numbers, booleans, arrays) and `|` separating list items.
 * @example parseEvaluatorLines('contains values=sorry|apologize mode=none') // [{ name: 'contains', settings: {...} }]
 */
export function parseEvaluatorLines(text: string): { evaluators: EvaluatorEntry[]; error: string | null } {
  const evaluators: EvaluatorEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const [name, ...pairs] = line.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const settings: Record<string, unknown> = {};
    for (const pair of pairs) {
      const equals = pair.indexOf('=');
      if (equals <= 0) {
        return {
          evaluators,
          error: `line ${index + 1}: '${pair}' is not key=value (e.g. values=refund|credit)`,
        };
      }
      settings[pair.slice(0, equals)] = settingValue(pair.slice(equals + 1));
    }
    evaluators.push({ name, settings });
  }
  return {
    evaluators,
    error: evaluators.length === 0 ? 'name at least one evaluator, e.g. json-valid' : null,
  };
}

function settingValue(text: string): unknown {
  if (text.includes('|')) return text.split('|');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The inverse, for showing a stored rule: `contains values=sorry|apologize mode=none`. */
export function formatEvaluator(entry: EvaluatorEntry): string {
  const pairs = Object.entries(entry.settings).map(
    ([key, value]) =>
      `${key}=${Array.isArray(value) ? value.join('|') : typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return [entry.name, ...pairs].join(' ');
}
