import { SextantError } from '../errors.js';
import { evaluationText, previewJson, quoteText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';
import { findJsonDifference, parseJsonValue } from './json-compare.js';

export interface EqualsOptions extends EvaluatorOptions {
  /** Compared with instead of the item's `expected`. */
  value?: unknown;
  /**
   * `text` (default): the output's text (see `evaluationText`) equals the expected string, or one of
   * an expected list of accepted strings. `json`: JSON strings are parsed on both sides and the values
   * compared deep-equal, object key order ignored.
   */
  compare?: 'text' | 'json';
  /** Text mode: compare lowercased (`toLowerCase`, locale-independent). */
  ignoreCase?: boolean;
  /** Text mode: ignore leading and trailing whitespace. */
  trim?: boolean;
}

/**
 * Exact equality with the expected output. Score 1 or 0.
 * @example equals({ compare: 'json' }).evaluate({ output: '{"b":2,"a":1}', expected: { a: 1, b: 2 } }) // score 1
 */
export function equals(options: EqualsOptions = {}): Evaluator {
  const compare = options.compare ?? 'text';
  const ignoreCase = options.ignoreCase ?? false;
  const trim = options.trim ?? false;
  const name = options.name ?? 'equals';
  const textNotes = compare === 'text' ? [ignoreCase && 'case-insensitive', trim && 'trimmed'] : [];
  const notes = textNotes.filter(Boolean).join(', ');
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `output equals the expected ${compare === 'json' ? 'JSON value' : 'text'}${notes ? ` (${notes})` : ''}`,
    settings: { compare, ignoreCase, trim, ...('value' in options ? { value: options.value } : {}) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const expected = 'value' in options ? options.value : input.expected;
      if (compare === 'json') return compareJson(input.output, expected, name);
      const normalize = (text: string) => {
        const trimmed = trim ? text.trim() : text;
        return ignoreCase ? trimmed.toLowerCase() : trimmed;
      };
      return compareText(evaluationText(input.output), referenceTexts(expected, name), normalize);
    },
  };
}

function compareText(
  output: string,
  accepted: string[],
  normalize: (text: string) => string,
): EvaluationResult {
  const normalizedOutput = normalize(output);
  if (accepted.some((text) => normalize(text) === normalizedOutput)) return { score: 1, passed: true };
  if (accepted.length > 1) {
    const list = accepted.slice(0, 5).map((text) => quoteText(text, 40));
    return {
      score: 0,
      passed: false,
      explanation: `output ${quoteText(output)} matches none of the ${accepted.length} accepted answers: ${list.join(', ')}${accepted.length > 5 ? ', …' : ''}`,
    };
  }
  return {
    score: 0,
    passed: false,
    explanation: describeTextDifference(normalize(accepted[0]!), normalizedOutput),
  };
}

/** Where two texts first differ, with a little context from each side. */
export function describeTextDifference(expected: string, actual: string): string {
  const expectedCharacters = Array.from(expected);
  const actualCharacters = Array.from(actual);
  let index = 0;
  while (index < expectedCharacters.length && expectedCharacters[index] === actualCharacters[index]) index++;
  if (index === actualCharacters.length) {
    return `output stops at character ${index + 1}; expected it to continue with ${excerpt(expectedCharacters, index)}`;
  }
  if (index === expectedCharacters.length) {
    return `output has extra text from character ${index + 1}: ${excerpt(actualCharacters, index)}`;
  }
  return `output differs from expected at character ${index + 1}: expected ${excerpt(expectedCharacters, index)} but got ${excerpt(actualCharacters, index)}`;
}

function excerpt(characters: string[], index: number): string {
  const start = Math.max(0, index - 10);
  const end = Math.min(characters.length, index + 20);
  const text = characters.slice(start, end).join('');
  return `${start > 0 ? '…' : ''}${JSON.stringify(text)}${end < characters.length ? '…' : ''}`;
}

function compareJson(output: unknown, expected: unknown, name: string): EvaluationResult {
  if (expected === undefined) {
    throw new SextantError(
      'bad_request',
      `${name} needs an expected value: set \`value\` or the item's expected output`,
    );
  }
  const expectedValue = parseJsonValue(expected);
  if ('error' in expectedValue) {
    throw new SextantError(
      'bad_request',
      `${name}: the expected value is not valid JSON (${expectedValue.error})`,
    );
  }
  const outputValue = parseJsonValue(output);
  if ('error' in outputValue) {
    return {
      score: 0,
      passed: false,
      explanation: `output is not valid JSON (${outputValue.error}): ${quoteText(String(output))}`,
    };
  }
  const difference = findJsonDifference(expectedValue.value, outputValue.value, 'exact');
  if (difference === null) return { score: 1, passed: true };
  return {
    score: 0,
    passed: false,
    explanation: `output JSON differs from expected at ${difference}`,
    details: { expected: previewJson(expectedValue.value, 200), output: previewJson(outputValue.value, 200) },
  };
}
