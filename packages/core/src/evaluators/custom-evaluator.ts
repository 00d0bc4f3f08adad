import { SextantError } from '../errors.js';
import type { EvaluationInput, EvaluationResult, Evaluator } from './evaluator.js';

/** What a custom scoring function may return: a score, a pass/fail, or a full result. */
export type CustomEvaluationReturn = number | boolean | EvaluationResult;

export interface CustomEvaluatorOptions {
  name: string;
  /** Bump it whenever the function changes, so old and new scores are never mixed. */
  version: string;
  description?: string;
  /** Inclusive score range when it is not [0, 1] (e.g. a 1-5 rubric). */
  scoreRange?: { min: number; max: number };
  evaluate: (input: EvaluationInput) => CustomEvaluationReturn | Promise<CustomEvaluationReturn>;
}

/**
 * Wraps a TypeScript function as an evaluator. `true`/`false` become score 1/0 with `passed`;
 * a number becomes the score. `runEvaluator` checks the score is finite and within the range.
 * @example customEvaluator({ name: 'mentions-price', version: '1', evaluate: ({ output }) => /\$\d/.test(String(output)) })
 */
export function customEvaluator(options: CustomEvaluatorOptions): Evaluator {
  if (options.name.trim() === '' || options.version.trim() === '') {
    throw new SextantError('bad_request', 'a custom evaluator needs a non-empty name and version');
  }
  const { scoreRange } = options;
  if (scoreRange && !(scoreRange.min < scoreRange.max)) {
    throw new SextantError(
      'bad_request',
      `custom evaluator '${options.name}': scoreRange.min must be below max`,
    );
  }
  return {
    specificationVersion: 'v1',
    name: options.name,
    version: options.version,
    description: options.description ?? `custom evaluator '${options.name}'`,
    ...(scoreRange ? { scoreRange: { min: scoreRange.min, max: scoreRange.max } } : {}),
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      return toResult(await options.evaluate(input));
    },
  };
}

function toResult(value: CustomEvaluationReturn): EvaluationResult {
  if (typeof value === 'boolean') return { score: value ? 1 : 0, passed: value };
  if (typeof value === 'number') return { score: value };
  return value;
}
