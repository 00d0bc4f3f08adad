import { SextantError } from '../errors.js';
import { mean, sampleVariance } from './descriptive-statistics.js';
import type { PairedItemScores } from './paired-comparison.js';
import { itemDifferences } from './paired-comparison.js';

/** Variance components of a single repeat's candidate-minus-baseline difference, as `power.ts` takes them. */
export interface PairedVariance {
  /** SD of one repeat's paired difference: sqrt(between-item + within-item variance). */
  standardDeviation: number;
  /** Between-item share of that variance, ρ in [0, 1]. */
  intraItemCorrelation: number;
  betweenItemVariance: number;
  withinItemVariance: number;
}

/**
 * Estimates σ and ρ from a previous paired run by the method of moments (one-way random effects); items need
 * at least two repeats per side for the within-item part. Feed the result to `sampleSizePairedDifference`.
 * @example const { standardDeviation, intraItemCorrelation } = estimatePairedVariance(previousRun);
 */
export function estimatePairedVariance(items: readonly PairedItemScores[]): PairedVariance {
  const repeated = items.filter((item) => item.baseline.length >= 2 && item.candidate.length >= 2);
  if (items.length < 2 || repeated.length === 0) {
    throw new SextantError(
      'bad_request',
      'estimating variance components needs at least two items and some items with two or more repeats per side',
    );
  }
  const withinCandidate = mean(repeated.map((item) => sampleVariance(item.candidate)));
  const withinBaseline = mean(repeated.map((item) => sampleVariance(item.baseline)));
  // One repeat's difference varies within an item by the candidate's plus the baseline's repeat variance.
  const withinItemVariance = withinCandidate + withinBaseline;
  // Var(item mean difference) = between + within_c / m_c + within_b / m_b; subtract the expected noise part.
  const expectedNoise = mean(
    items.map((item) => withinCandidate / item.candidate.length + withinBaseline / item.baseline.length),
  );
  const betweenItemVariance = Math.max(0, sampleVariance(itemDifferences(items)) - expectedNoise);
  const total = betweenItemVariance + withinItemVariance;
  return {
    standardDeviation: Math.sqrt(total),
    intraItemCorrelation: total === 0 ? 0 : betweenItemVariance / total,
    betweenItemVariance,
    withinItemVariance,
  };
}
