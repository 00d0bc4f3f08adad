import { SextantError } from '../errors.js';
import {
  estimatePairedVariance,
  mean,
  type PairedSampleSize,
  planPairedDifference,
  sampleVariance,
} from '../statistics/index.js';
import { runValue, type SuiteResults } from './suite-results.js';

/** What `sextant eval plan` prints: items needed per repeat count to detect `effect` with `power`. */
export interface SuitePlan {
  score: string;
  effect: number;
  margin: number;
  alpha: number;
  power: number;
  standardDeviation: number;
  intraItemCorrelation: number;
  /** Items of the run the variance came from. */
  measuredItems: number;
  options: PairedSampleSize[];
}

/**
 * Sample sizes for a no-regression gate from the variance measured in previous runs (a candidate and a
 * baseline run of the same items, each with two or more repeats): catching a drop of `effect` with margin
 * `margin` is a one-sided test of size effect - margin.
 * @example planSuite(candidate, baseline, { score: 'correct', effect: 0.05 }).options[2].items;
 */
export function planSuite(
  candidate: SuiteResults,
  baseline: SuiteResults | undefined,
  design: {
    score: string;
    effect: number;
    margin?: number;
    alpha?: number;
    power?: number;
    maxRepeats?: number;
  },
): SuitePlan {
  const { score, effect, margin = 0, alpha = 0.05, power = 0.8, maxRepeats = 10 } = design;
  if (!(effect > margin)) {
    throw new SextantError(
      'bad_request',
      `effect (${effect}) must exceed the gate's margin (${margin}): a drop within the margin is allowed, so no sample size can catch it`,
    );
  }
  const variance = baseline
    ? pairedVariance(candidate, baseline, score)
    : singleRunVariance(candidate, score);
  const standardDeviation = Math.max(variance.standardDeviation, 1e-6);
  return {
    score,
    effect,
    margin,
    alpha,
    power,
    standardDeviation: variance.standardDeviation,
    intraItemCorrelation: variance.intraItemCorrelation,
    measuredItems: variance.items,
    options: planPairedDifference({
      effect: effect - margin,
      standardDeviation,
      intraItemCorrelation: variance.intraItemCorrelation,
      alpha,
      power,
      maxRepeats,
    }),
  };
}

function pairedVariance(candidate: SuiteResults, baseline: SuiteResults, score: string) {
  const baselineById = new Map(baseline.items.map((item) => [item.itemId, item]));
  const paired = candidate.items.flatMap((item) => {
    const other = baselineById.get(item.itemId);
    if (!other) return [];
    return [
      {
        candidate: item.runs.map((run) => runValue(run, score)),
        baseline: other.runs.map((run) => runValue(run, score)),
      },
    ];
  });
  return { ...estimatePairedVariance(paired), items: paired.length };
}

/**
 * With one run only, the change under test is assumed to shift every item alike: a repeat's paired difference
 * then varies by twice the within-item variance and nothing between items (ρ = 0).
 */
function singleRunVariance(results: SuiteResults, score: string) {
  const repeated = results.items.filter((item) => item.runs.length >= 2);
  if (repeated.length === 0) {
    throw new SextantError(
      'bad_request',
      'planning needs a run with at least two repeats per item; rerun with repeats >= 2',
    );
  }
  const within = mean(repeated.map((item) => sampleVariance(item.runs.map((run) => runValue(run, score)))));
  return { standardDeviation: Math.sqrt(2 * within), intraItemCorrelation: 0, items: results.items.length };
}
