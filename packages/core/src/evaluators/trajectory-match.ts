import { SextantError } from '../errors.js';
import { isRecord, previewJson } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';
import { observedToolCalls, type ToolCallSource } from './observed-tool-calls.js';
import { lcsLength } from './rouge-l.js';

/**
 * `exact`: the same tools in the same order, nothing else; score 1 or 0.
 * `in-order`: the expected tools appear in order, other calls may come between; score is the longest
 * common subsequence over the expected length.
 * `any-order`: the same tools the same number of times, in any order; score is the multiset overlap
 * over the longer of the two trajectories.
 */
export type TrajectoryMode = 'exact' | 'in-order' | 'any-order';

export interface TrajectoryMatchOptions extends EvaluatorOptions {
  /** Expected tool names in order; without it, the item's `expected` (names or `{ name }` objects). */
  expected?: readonly string[];
  /** Default `exact`. */
  mode?: TrajectoryMode;
  /** Where the agent's calls are read from; see `ToolCallSource`. */
  source?: ToolCallSource;
}

/**
 * Compares the sequence of tools an agent called with the expected one; the explanation names the
 * first step where they part.
 * @example trajectoryMatch({ expected: ['search', 'fetch', 'answer'], mode: 'in-order' })
 */
export function trajectoryMatch(options: TrajectoryMatchOptions = {}): Evaluator {
  const name = options.name ?? 'trajectory-match';
  const mode = options.mode ?? 'exact';
  const source = options.source ?? 'auto';
  const fixed = options.expected === undefined ? undefined : expectedNames(options.expected, name);
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `the agent's tool calls match the expected trajectory (${mode})`,
    settings: { mode, source, ...(fixed ? { expected: fixed } : {}) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const expected = fixed ?? expectedNames(input.expected, name);
      const actual = observedToolCalls(input, source).map((call) => call.name);
      const details = { expected, actual };
      const result = scorers[mode](expected, actual);
      return { ...result, passed: result.score === 1, details };
    },
  };
}

type Verdict = { score: number; explanation?: string };

const scorers: Record<TrajectoryMode, (expected: string[], actual: string[]) => Verdict> = {
  exact,
  'in-order': inOrder,
  'any-order': anyOrder,
};

function exact(expected: string[], actual: string[]): Verdict {
  const step = expected.findIndex((name, index) => actual[index] !== name);
  if (step === -1 && actual.length === expected.length) return { score: 1 };
  const trail = `; expected ${path(expected)}, got ${path(actual)}`;
  if (step === -1) {
    return {
      score: 0,
      explanation: `step ${expected.length + 1}: unexpected extra call '${actual[expected.length]}'${trail}`,
    };
  }
  if (step >= actual.length) {
    return {
      score: 0,
      explanation: `step ${step + 1}: expected '${expected[step]}' but the agent stopped after ${actual.length} step${actual.length === 1 ? '' : 's'}${trail}`,
    };
  }
  return {
    score: 0,
    explanation: `step ${step + 1}: expected '${expected[step]}' but the agent called '${actual[step]}'${trail}`,
  };
}

function inOrder(expected: string[], actual: string[]): Verdict {
  if (expected.length === 0) return { score: 1 };
  const score = lcsLength(expected, actual) / expected.length;
  if (score === 1) return { score };
  let position = 0;
  for (const [index, name] of expected.entries()) {
    const found = actual.indexOf(name, position);
    if (found === -1) {
      const after =
        index === 0 ? '' : ` after '${expected[index - 1]}' (call ${position} of ${actual.length})`;
      return {
        score,
        explanation: `expected step ${index + 1} '${name}' was not called${after}; expected in order ${path(expected)}, got ${path(actual)}`,
      };
    }
    position = found + 1;
  }
  return { score };
}

function anyOrder(expected: string[], actual: string[]): Verdict {
  const longest = Math.max(expected.length, actual.length);
  if (longest === 0) return { score: 1 };
  const wanted = countNames(expected);
  const made = countNames(actual);
  let overlap = 0;
  const problems: string[] = [];
  for (const name of new Set([...expected, ...actual])) {
    const want = wanted.get(name) ?? 0;
    const got = made.get(name) ?? 0;
    overlap += Math.min(want, got);
    if (want !== got) problems.push(`'${name}' expected ${want} time${want === 1 ? '' : 's'}, called ${got}`);
  }
  const score = overlap / longest;
  return score === 1 ? { score } : { score, explanation: `${problems.join('; ')}; got ${path(actual)}` };
}

function countNames(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

function path(names: readonly string[]): string {
  if (names.length === 0) return '(no tool calls)';
  const shown = names.slice(0, 12).join(' → ');
  return names.length > 12 ? `${shown} → … (${names.length} calls)` : shown;
}

function expectedNames(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) {
    throw new SextantError(
      'bad_request',
      `${name} needs an expected trajectory: a list of tool names in \`expected\` or the item's expected output`,
    );
  }
  return value.map((item, index) => {
    if (typeof item === 'string') return item;
    if (isRecord(item) && typeof item.name === 'string') return item.name;
    throw new SextantError(
      'bad_request',
      `${name}: expected step ${index + 1} is not a tool name: ${previewJson(item, 60)}`,
    );
  });
}
