import { quoteText } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';

export interface JsonValidOptions extends EvaluatorOptions {
  /**
   * Accept JSON wrapped in one Markdown code fence (```json ... ```), as chat models often write it.
   * Default false: the fence makes the output unparseable for a program that reads it.
   */
  allowCodeFence?: boolean;
}

/**
 * The output parses as JSON. A structured output (an object, array, number...) is already JSON.
 * Score 1 or 0; the explanation quotes the parser's message and the text around the error.
 * @example jsonValid().evaluate({ output: '{"a": 1,}' }) // score 0, "... at position 8: ..."
 */
export function jsonValid(options: JsonValidOptions = {}): Evaluator {
  const allowCodeFence = options.allowCodeFence ?? false;
  return {
    specificationVersion: 'v1',
    name: options.name ?? 'json-valid',
    version: '1',
    description: `output is valid JSON${allowCodeFence ? ' (a Markdown code fence around it is accepted)' : ''}`,
    settings: { allowCodeFence },
    evaluate(input: EvaluationInput): EvaluationResult {
      const parsed = parseJsonOutput(input.output, allowCodeFence);
      if (parsed.success) return { score: 1, passed: true };
      return { score: 0, passed: false, explanation: parsed.error };
    },
  };
}

/** Parses an output as JSON (strings) or accepts it as a JSON value (anything else JSON can hold). */
export function parseJsonOutput(
  output: unknown,
  allowCodeFence: boolean,
): { success: true; value: unknown } | { success: false; error: string } {
  if (typeof output !== 'string') {
    if (output === undefined || typeof output === 'function' || typeof output === 'symbol') {
      return { success: false, error: `output is ${typeof output}, not a JSON value` };
    }
    return isJsonValue(output)
      ? { success: true, value: output }
      : { success: false, error: 'output is an object JSON cannot represent' };
  }
  const text = allowCodeFence ? stripCodeFence(output) : output;
  if (text.trim() === '') return { success: false, error: 'output is empty, not JSON' };
  try {
    return { success: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const near =
      position === undefined
        ? ''
        : `; near ${quoteText(text.slice(Math.max(0, Number(position) - 20), Number(position) + 20))}`;
    const fenceHint =
      !allowCodeFence && /^\s*```/.test(output) ? ' (it is wrapped in a Markdown code fence)' : '';
    return { success: false, error: `output is not valid JSON${fenceHint}: ${message}${near}` };
  }
}

function stripCodeFence(text: string): string {
  const match = /^\s*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(text);
  return match ? match[1]! : text;
}

/** True for values that survive a JSON round trip unchanged in kind (no NaN, functions, cycles, class instances). */
function isJsonValue(value: unknown, ancestors: Set<object> = new Set()): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || ancestors.has(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return false;
  ancestors.add(value);
  const valid = Object.values(value).every((item) => item === undefined || isJsonValue(item, ancestors));
  ancestors.delete(value);
  return valid;
}
