import { requireAtLeast, requireFinite, requireInteger, requireOpenUnit } from './validation.js';

/** Running totals of one arm's scores; cheap to keep per arm in a gateway and to merge. */
export interface ArmSummary {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/** An arm with no observations yet. */
export function emptyArm(): ArmSummary {
  return { count: 0, sum: 0, sumOfSquares: 0 };
}

/** The arm with one more observed score (the input is not changed). */
export function addObservation(arm: ArmSummary, value: number): ArmSummary {
  return { count: arm.count + 1, sum: arm.sum + value, sumOfSquares: arm.sumOfSquares + value * value };
}

/** Totals of a list of scores. */
export function summarizeArm(values: readonly number[]): ArmSummary {
  requireFinite('values', values);
  return values.reduce(addObservation, emptyArm());
}

/** Options for {@link differenceConfidenceSequence} and {@link decideCanary}; fix them before the canary starts. */
export interface SequentialOptions {
  /** Chance that the sequence ever excludes the true difference, over all looks; default 0.05. */
  alpha?: number;
  /** Total observations (both arms) at which the sequence is tightest; default 2,000. */
  tuneAtTotal?: number;
  /** No decision before each arm has this many observations; default 30. */
  minimumPerArm?: number;
  /**
   * Variance assumed before data, worth `priorWeight` observations per arm; default 0.25, the most a score in
   * [0, 1] can have. It stops an arm whose first scores happen to agree from claiming near-zero noise.
   */
  priorVariance?: number;
  /** Weight of `priorVariance` in observations; default 10. */
  priorWeight?: number;
}

/** An always-valid confidence interval for candidate-minus-baseline mean score at the current look. */
export interface DifferenceSequence {
  estimate: number;
  lower: number;
  upper: number;
  alpha: number;
}

function armVariance(arm: ArmSummary, priorVariance: number, priorWeight: number): number {
  const mean = arm.sum / arm.count;
  const squaredDeviations = Math.max(0, arm.sumOfSquares - arm.count * mean * mean);
  return (squaredDeviations + priorWeight * priorVariance) / (arm.count - 1 + priorWeight);
}

/**
 * Normal-mixture confidence sequence for the difference in means (Robbins 1970; Howard et al. 2021), in the
 * asymptotic form of Waudby-Smith et al. (2024): the variance is estimated, so validity at every look, however
 * often one looks, holds as the arms grow; `minimumPerArm` and the variance prior guard the small-sample start.
 * @example differenceConfidenceSequence(summarizeArm(baselineScores), summarizeArm(candidateScores));
 */
export function differenceConfidenceSequence(
  baseline: ArmSummary,
  candidate: ArmSummary,
  options: SequentialOptions = {},
): DifferenceSequence {
  const {
    alpha = 0.05,
    tuneAtTotal = 2000,
    minimumPerArm = 30,
    priorVariance = 0.25,
    priorWeight = 10,
  } = options;
  requireOpenUnit('alpha', alpha);
  requireAtLeast('tuneAtTotal', tuneAtTotal, 1);
  requireInteger('minimumPerArm', minimumPerArm, 2);
  requireAtLeast('priorVariance', priorVariance, 0);
  requireAtLeast('priorWeight', priorWeight, 0);
  const estimate = candidate.sum / candidate.count - baseline.sum / baseline.count;
  if (baseline.count < minimumPerArm || candidate.count < minimumPerArm) {
    return { estimate, lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY, alpha };
  }
  const variance =
    armVariance(candidate, priorVariance, priorWeight) / candidate.count +
    armVariance(baseline, priorVariance, priorWeight) / baseline.count;
  // Mixing over standardized effects N(0, ρ²) with ρ² = c(α)/n*, which makes the boundary tightest at n*.
  const logInverseAlpha = -Math.log(alpha);
  const mixing =
    ((2 * logInverseAlpha + Math.log(1 + 2 * logInverseAlpha)) / tuneAtTotal) *
    (baseline.count + candidate.count);
  const halfWidth = Math.sqrt(
    variance * ((mixing + 1) / mixing) * (2 * logInverseAlpha + Math.log(1 + mixing)),
  );
  return { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, alpha };
}

/** What a canary should do now, with the evidence behind it. */
export interface CanaryDecision {
  decision: 'promote' | 'continue' | 'rollback';
  reason: string;
  sequence: DifferenceSequence;
}

/**
 * Promote when the candidate is shown not worse than the baseline by more than `margin` (lower bound > -margin),
 * roll back when it is shown worse (upper bound < 0), otherwise keep collecting. Each wrong call has chance <= alpha.
 * @example decideCanary(baselineArm, candidateArm, { margin: 0.02 }).decision; // 'continue'
 */
export function decideCanary(
  baseline: ArmSummary,
  candidate: ArmSummary,
  options: SequentialOptions & { margin?: number } = {},
): CanaryDecision {
  const { margin = 0, minimumPerArm = 30 } = options;
  requireAtLeast('margin', margin, 0);
  const sequence = differenceConfidenceSequence(baseline, candidate, options);
  const interval = `[${sequence.lower.toFixed(4)}, ${sequence.upper.toFixed(4)}]`;
  if (baseline.count < minimumPerArm || candidate.count < minimumPerArm) {
    const reason = `collecting: baseline ${baseline.count}, candidate ${candidate.count} of ${minimumPerArm} per arm`;
    return { decision: 'continue', reason, sequence };
  }
  if (sequence.upper < 0) {
    return {
      decision: 'rollback',
      reason: `candidate is worse: difference ${interval} lies below 0`,
      sequence,
    };
  }
  if (sequence.lower > -margin) {
    const reason = `candidate is not worse by more than ${margin}: difference ${interval} lies above ${-margin}`;
    return { decision: 'promote', reason, sequence };
  }
  return {
    decision: 'continue',
    reason: `inconclusive: difference ${interval} spans ${-margin} or 0`,
    sequence,
  };
}
