import { SextantError } from '../errors.js';
import { bootstrapMeanInterval } from './bootstrap.js';
import { mean } from './descriptive-statistics.js';
import { signFlipTest } from './sign-flip-test.js';
import { requireAtLeast, requireFinite, requireOpenUnit } from './validation.js';

/** Scores of one item under the baseline and the candidate; each side may hold several repeats. */
export interface PairedItemScores {
  baseline: readonly number[];
  candidate: readonly number[];
}

/** Options for {@link comparePaired}. */
export interface PairedComparisonOptions {
  /** Confidence level of the two-sided interval for the mean difference; default 0.95. */
  level?: number;
  /** Significance level of the non-inferiority test; default 0.05. */
  alpha?: number;
  /** Non-inferiority margin δ >= 0: the candidate may be lower than the baseline by at most this; default 0. */
  margin?: number;
  /** Bootstrap resamples; default 2,000. */
  resamples?: number;
  /** Monte Carlo sign flips when there are more than 16 items; default 10,000. */
  permutations?: number;
  /** Seed for the bootstrap and the sign flips; default 1. */
  seed?: number;
}

/** Baseline vs candidate on the same items; differences are candidate minus baseline, averaged per item first. */
export interface PairedComparison {
  items: number;
  meanBaseline: number;
  meanCandidate: number;
  meanDifference: number;
  /** Paired percentile bootstrap interval for the mean difference (items resampled). */
  interval: { lower: number; upper: number; level: number };
  /** Sign-flip permutation p-values; `less` is the one-sided test for a regression. */
  pValue: { twoSided: number; greater: number; less: number };
  exact: boolean;
  /** H0: difference <= -margin vs H1: difference > -margin, by a sign-flip test on difference + margin. */
  nonInferiority: {
    margin: number;
    alpha: number;
    pValue: number;
    /** One-sided (1 - alpha) bootstrap lower bound of the mean difference, for display. */
    lowerBound: number;
    nonInferior: boolean;
  };
}

/** Candidate-minus-baseline difference of each item's mean score (repeats averaged within the item). */
export function itemDifferences(items: readonly PairedItemScores[]): number[] {
  return items.map((item, index) => {
    if (item.baseline.length === 0 || item.candidate.length === 0) {
      throw new SextantError(
        'bad_request',
        `item ${index} has no ${item.baseline.length === 0 ? 'baseline' : 'candidate'} scores; drop it or rerun it`,
      );
    }
    requireFinite(`item ${index} scores`, [...item.baseline, ...item.candidate]);
    return mean(item.candidate) - mean(item.baseline);
  });
}

/**
 * Paired comparison with a bootstrap interval, sign-flip p-values and a non-inferiority verdict.
 * @example comparePaired(items, { margin: 0.02, alpha: 0.05 }).nonInferiority.nonInferior;
 */
export function comparePaired(
  items: readonly PairedItemScores[],
  options: PairedComparisonOptions = {},
): PairedComparison {
  const {
    level = 0.95,
    alpha = 0.05,
    margin = 0,
    resamples = 2000,
    permutations = 10_000,
    seed = 1,
  } = options;
  requireOpenUnit('level', level);
  requireOpenUnit('alpha', alpha);
  if (alpha >= 0.5) throw new SextantError('bad_request', `alpha must be below 0.5; got ${alpha}`);
  requireAtLeast('margin', margin, 0);
  if (items.length === 0)
    throw new SextantError('bad_request', 'a paired comparison needs at least one item');
  const differences = itemDifferences(items);
  const interval = bootstrapMeanInterval(differences, { level, resamples, seed });
  const oneSided = bootstrapMeanInterval(differences, { level: 1 - 2 * alpha, resamples, seed });
  const test = signFlipTest(differences, { permutations, seed });
  const shifted = signFlipTest(
    differences.map((difference) => difference + margin),
    { permutations, seed: seed + 1 },
  );
  return {
    items: items.length,
    meanBaseline: mean(items.map((item) => mean(item.baseline))),
    meanCandidate: mean(items.map((item) => mean(item.candidate))),
    meanDifference: test.meanDifference,
    interval: { lower: interval.lower, upper: interval.upper, level },
    pValue: test.pValue,
    exact: test.exact,
    nonInferiority: {
      margin,
      alpha,
      pValue: shifted.pValue.greater,
      lowerBound: oneSided.lower,
      nonInferior: shifted.pValue.greater <= alpha,
    },
  };
}
