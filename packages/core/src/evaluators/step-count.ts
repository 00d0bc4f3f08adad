import { SextantError } from '../errors.js';
import type { SpanKind } from '../span/canonical-span.js';
import { isRecord } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';

export interface StepCountOptions extends EvaluatorOptions {
  /** The most steps a good run takes. */
  max: number;
  /** Span kinds that count as a step. Default `['llm', 'tool']`. */
  kinds?: readonly SpanKind[];
}

/**
 * Did the agent finish within `max` steps? Steps are the trace's spans of the counted kinds; with no
 * spans, the output's chat messages (each assistant message is an llm step, each tool call a tool
 * step). Score 1 up to `max`, then max / steps (0.5 at twice the limit); passed when within it.
 * @example stepCount({ max: 6 })
 */
export function stepCount(options: StepCountOptions): Evaluator {
  const name = options.name ?? 'step-count';
  const kinds = options.kinds ?? ['llm', 'tool'];
  if (!Number.isInteger(options.max) || options.max < 1) {
    throw new SextantError(
      'bad_request',
      `${name}: max must be a whole number of steps of at least 1, got ${options.max}`,
    );
  }
  const max = options.max;
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `at most ${max} ${kinds.join('/')} steps; the score decays as max / steps beyond`,
    settings: { max, kinds: [...kinds] },
    evaluate(input: EvaluationInput): EvaluationResult {
      const byKind = countSteps(input, kinds, name);
      const steps = [...byKind.values()].reduce((sum, count) => sum + count, 0);
      const breakdown = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
      const details = { steps, max, byKind: Object.fromEntries(byKind) };
      if (steps <= max) return { score: 1, passed: true, details };
      return {
        score: max / steps,
        passed: false,
        details,
        explanation: `took ${steps} steps (${breakdown}), ${steps - max} over the limit of ${max}`,
      };
    },
  };
}

function countSteps(input: EvaluationInput, kinds: readonly SpanKind[], name: string): Map<string, number> {
  const counts = new Map<string, number>(kinds.map((kind) => [kind, 0]));
  if (input.spans && input.spans.length > 0) {
    for (const span of input.spans) {
      if (counts.has(span.kind)) counts.set(span.kind, counts.get(span.kind)! + 1);
    }
    return counts;
  }
  const messages = chatMessages(input.output);
  if (!messages) {
    throw new SextantError(
      'bad_request',
      `${name} needs the run's trace spans or the agent's chat messages as output`,
    );
  }
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    if (counts.has('llm')) counts.set('llm', counts.get('llm')! + 1);
    const calls = Array.isArray(message.toolCalls)
      ? message.toolCalls
      : Array.isArray(message.tool_calls)
        ? message.tool_calls
        : [];
    if (counts.has('tool')) counts.set('tool', counts.get('tool')! + calls.length);
  }
  return counts;
}

function chatMessages(output: unknown): Record<string, unknown>[] | undefined {
  const list = isRecord(output) && output.type === 'messages' ? output.messages : output;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.every((item) => isRecord(item) && typeof item.role === 'string')
    ? (list as Record<string, unknown>[])
    : undefined;
}
