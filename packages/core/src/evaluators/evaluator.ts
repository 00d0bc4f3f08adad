import { z } from 'zod';
import type { CanonicalSpan } from '../span/canonical-span.js';
import type { TargetSelector } from './select-target.js';

/**
 * What an evaluator scores: one dataset item's run (or one production trace).
 * `output` is what the task returned; `spans` is the trace it produced, when there is one.
 */
export interface EvaluationInput {
  /** The task's input (the dataset item's input). */
  input?: unknown;
  /** The task's output; replaced by the selected span's field when `target` is set. */
  output: unknown;
  /** The dataset item's expected output (a reference answer, a list of references, a trajectory...). */
  expected?: unknown;
  metadata?: Record<string, unknown>;
  /** Every span of the trace the run produced, in any order. */
  spans?: readonly CanonicalSpan[];
  /** Scores a span inside the trace instead of the whole output; see `selectTarget`. */
  target?: TargetSelector;
}

/**
 * An evaluator's verdict. `score` is in [0, 1] (1 is best) unless the evaluator documents another
 * range; `passed` is set by evaluators with a natural pass/fail or a configured threshold.
 */
export const evaluationResultSchema = z.object({
  score: z.number(),
  label: z.string().optional(),
  passed: z.boolean().optional(),
  /** What was wrong and where, in words a person can act on. */
  explanation: z.string().optional(),
  /** Metric internals (precisions, counts, the matched reference), JSON-serialisable. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

/**
 * A small versioned scorer. `version` changes whenever the same input could score differently;
 * `settings` records the options it was created with, so a stored score says how it was computed.
 * @example const evaluator = equals({ ignoreCase: true }); await evaluator.evaluate({ output: 'Paris', expected: 'paris' });
 */
export interface Evaluator {
  readonly specificationVersion: 'v1';
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** JSON-serialisable options the evaluator was created with. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Inclusive score range when it is not [0, 1]. */
  readonly scoreRange?: { readonly min: number; readonly max: number };
  evaluate(input: EvaluationInput): Promise<EvaluationResult> | EvaluationResult;
}

/** Options every built-in evaluator accepts. */
export interface EvaluatorOptions {
  /** Overrides the default name, to tell two configurations of one evaluator apart in a report. */
  name?: string;
}

/** Options of evaluators whose score is a similarity: `passed` is `score >= threshold` when given. */
export interface ThresholdOptions extends EvaluatorOptions {
  /** In [0, 1]. Without it, the result has no `passed`. */
  threshold?: number;
}

/** Sets `passed` from an optional threshold; leaves it out when there is none. */
export function withThreshold(result: EvaluationResult, threshold: number | undefined): EvaluationResult {
  return threshold === undefined ? result : { ...result, passed: result.score >= threshold };
}
