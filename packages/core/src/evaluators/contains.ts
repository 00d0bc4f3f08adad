import { SextantError } from '../errors.js';
import { evaluationText, quoteText } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';

export interface ContainsOptions extends EvaluatorOptions {
  /** Substrings to look for; without it, the item's `expected` (a string or a list of strings). */
  values?: string | readonly string[];
  /**
   * `all` (default): score is the share of values found, passed when all are.
   * `any`: score 1 when at least one is found. `none`: score 1 when none is found (forbidden phrases).
   */
  mode?: 'all' | 'any' | 'none';
  ignoreCase?: boolean;
}

/**
 * Substring checks on the output's text.
 * @example contains({ values: ['refund', '30 days'], mode: 'all', ignoreCase: true })
 */
export function contains(options: ContainsOptions = {}): Evaluator {
  const mode = options.mode ?? 'all';
  const ignoreCase = options.ignoreCase ?? false;
  const name = options.name ?? 'contains';
  const fixed = options.values === undefined ? undefined : toList(options.values, name);
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `output contains ${mode === 'none' ? 'none' : mode} of the given strings${ignoreCase ? ' (case-insensitive)' : ''}`,
    settings: { mode, ignoreCase, ...(fixed ? { values: fixed } : {}) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const values = fixed ?? toList(input.expected, name);
      const output = evaluationText(input.output);
      const haystack = ignoreCase ? output.toLowerCase() : output;
      const found = values.filter((value) => haystack.includes(ignoreCase ? value.toLowerCase() : value));
      const missing = values.filter((value) => !found.includes(value));
      return score(mode, values, found, missing, output);
    },
  };
}

function score(
  mode: 'all' | 'any' | 'none',
  values: string[],
  found: string[],
  missing: string[],
  output: string,
): EvaluationResult {
  const details = { found, missing };
  const list = (items: string[]) => items.map((item) => quoteText(item, 40)).join(', ');
  switch (mode) {
    case 'all': {
      const passed = missing.length === 0;
      const explanation = passed
        ? undefined
        : `output lacks ${missing.length} of ${values.length} required strings: ${list(missing)}; output: ${quoteText(output)}`;
      return {
        score: found.length / values.length,
        passed,
        details,
        ...(explanation ? { explanation } : {}),
      };
    }
    case 'any': {
      const passed = found.length > 0;
      if (passed) return { score: 1, passed, details, explanation: `found ${list(found)}` };
      return {
        score: 0,
        passed,
        details,
        explanation: `output contains none of ${list(values)}; output: ${quoteText(output)}`,
      };
    }
    case 'none': {
      const passed = found.length === 0;
      if (passed) return { score: 1, passed, details };
      return { score: 0, passed, details, explanation: `output contains forbidden ${list(found)}` };
    }
  }
}

function toList(value: unknown, name: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string')) {
    throw new SextantError(
      'bad_request',
      `${name} needs strings to look for: set \`values\` or give the item an expected string or list of strings`,
    );
  }
  if (list.some((item) => item === '')) {
    throw new SextantError('bad_request', `${name}: an empty string is contained in every output; remove it`);
  }
  return list;
}
