import { SextantError } from '../errors.js';
import { isRecord, previewJson } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';
import { findJsonDifference, type JsonMatchMode, parseJsonValue } from './json-compare.js';
import { type ObservedToolCall, observedToolCalls, type ToolCallSource } from './observed-tool-calls.js';

/** A call the agent should make. Without `arguments`, any arguments do. */
export interface ExpectedToolCall {
  name: string;
  /** An object, or its JSON text. */
  arguments?: unknown;
}

export interface ToolCallCorrectnessOptions extends EvaluatorOptions {
  /** The expected calls; without it, the item's `expected` (a call, a list of calls, or tool names). */
  expected?: ExpectedToolCall | readonly ExpectedToolCall[];
  /** `exact` (default): arguments deep-equal. `subset`: the expected keys match, others may be added. */
  argumentMatch?: JsonMatchMode;
  /** `allow` (default): calls nobody expected do not lower the score. `penalize`: they count as misses. */
  extraCalls?: 'allow' | 'penalize';
  /** Where the agent's calls are read from; see `ToolCallSource`. */
  source?: ToolCallSource;
}

/**
 * Did the agent call the expected tools with the expected arguments? Each expected call is matched
 * to a distinct actual call, in any order. Score: matched / expected (with `extraCalls: 'penalize'`,
 * matched / (expected + unmatched actual calls)); an empty expectation means "no tool call".
 * @example toolCallCorrectness({ expected: { name: 'search', arguments: { q: 'refunds' } } })
 */
export function toolCallCorrectness(options: ToolCallCorrectnessOptions = {}): Evaluator {
  const name = options.name ?? 'tool-call-correctness';
  const argumentMatch = options.argumentMatch ?? 'exact';
  const extraCalls = options.extraCalls ?? 'allow';
  const source = options.source ?? 'auto';
  const fixed = options.expected === undefined ? undefined : expectedCalls(options.expected, name);
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `expected tool calls were made (arguments: ${argumentMatch}, extra calls: ${extraCalls})`,
    settings: { argumentMatch, extraCalls, source, ...(fixed ? { expected: fixed } : {}) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const expected = fixed ?? expectedCalls(input.expected, name);
      const actual = observedToolCalls(input, source);
      return scoreCalls(expected, actual, argumentMatch, extraCalls);
    },
  };
}

function scoreCalls(
  expected: ExpectedToolCall[],
  actual: ObservedToolCall[],
  mode: JsonMatchMode,
  extraCalls: 'allow' | 'penalize',
): EvaluationResult {
  const used = new Set<number>();
  const problems: string[] = [];
  for (const call of expected) {
    const index = actual.findIndex(
      (candidate, position) => !used.has(position) && callMatches(call, candidate, mode),
    );
    if (index >= 0) used.add(index);
    else
      problems.push(
        describeMiss(
          call,
          actual.filter((_, position) => !used.has(position)),
          actual.length,
          mode,
        ),
      );
  }
  const matched = used.size;
  const extra = actual.filter((_, position) => !used.has(position));
  const details = { matched, expected: expected.length, actual: actual.length, calls: actual.slice(0, 20) };
  if (expected.length === 0) {
    if (actual.length === 0) return { score: 1, passed: true, details };
    return {
      score: 0,
      passed: false,
      details,
      explanation: `expected no tool calls but the model called ${describeCalls(actual)}`,
    };
  }
  const denominator = extraCalls === 'penalize' ? expected.length + extra.length : expected.length;
  if (extraCalls === 'penalize' && extra.length > 0)
    problems.push(`unexpected call${extra.length > 1 ? 's' : ''} ${describeCalls(extra)}`);
  const score = matched / denominator;
  return {
    score,
    passed: score === 1,
    details,
    ...(problems.length > 0 ? { explanation: problems.join('; ') } : {}),
  };
}

function callMatches(expected: ExpectedToolCall, actual: ObservedToolCall, mode: JsonMatchMode): boolean {
  if (expected.name !== actual.name) return false;
  return (
    expected.arguments === undefined ||
    findJsonDifference(expected.arguments, actual.arguments, mode) === null
  );
}

function describeMiss(
  call: ExpectedToolCall,
  unused: ObservedToolCall[],
  actualCount: number,
  mode: JsonMatchMode,
): string {
  const wanted = `tool '${call.name}'${call.arguments === undefined ? '' : ` with ${previewJson(call.arguments, 60)}`}`;
  const sameName = unused.find((candidate) => candidate.name === call.name);
  if (sameName && call.arguments !== undefined) {
    const difference = findJsonDifference(call.arguments, sameName.arguments, mode);
    return `expected ${wanted} but the model called it with ${previewJson(sameName.arguments, 60)} (${difference})`;
  }
  if (unused.length === 0) {
    return `expected ${wanted} but the model ${actualCount === 0 ? 'called no tools' : 'made no other tool call'}`;
  }
  return `expected ${wanted} but the model called ${describeCalls(unused)}`;
}

function describeCalls(calls: ObservedToolCall[]): string {
  const shown = calls.slice(0, 3).map((call) => `'${call.name}' with ${previewJson(call.arguments, 60)}`);
  return `${shown.join(', ')}${calls.length > 3 ? ` and ${calls.length - 3} more` : ''}`;
}

/** Expected calls from options or the item: a call, a list of calls, or tool names. */
function expectedCalls(value: unknown, name: string): ExpectedToolCall[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? undefined : [value];
  if (!list) {
    throw new SextantError(
      'bad_request',
      `${name} needs expected calls: set \`expected\` or the item's expected output`,
    );
  }
  return list.map((item, index) => {
    if (typeof item === 'string') return { name: item };
    if (!isRecord(item) || typeof item.name !== 'string') {
      throw new SextantError(
        'bad_request',
        `${name}: expected call ${index + 1} needs a tool name, got ${previewJson(item, 60)}`,
      );
    }
    if (item.arguments === undefined) return { name: item.name };
    const parsed = parseJsonValue(item.arguments);
    if ('error' in parsed) {
      throw new SextantError(
        'bad_request',
        `${name}: the arguments of expected call '${item.name}' are not JSON (${parsed.error})`,
      );
    }
    return { name: item.name, arguments: parsed.value };
  });
}
