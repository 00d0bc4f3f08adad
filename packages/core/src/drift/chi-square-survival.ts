import { regularizedUpperGamma } from './regularized-gamma.js';

/** P(X > statistic) for X chi-square distributed with `degreesOfFreedom` (> 0): the test's p-value. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (Number.isNaN(statistic)) return Number.NaN;
  return regularizedUpperGamma(degreesOfFreedom / 2, statistic / 2);
}

/** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
export function normalTwoSidedPValue(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  // erfc(|z|/√2) = Q(1/2, z²/2).
  return regularizedUpperGamma(0.5, (z * z) / 2);
}
