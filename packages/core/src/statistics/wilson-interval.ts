import { normalQuantile } from './normal-distribution.js';
import { requireAtLeast, requireOpenUnit, requireWithin } from './validation.js';

/** A proportion with a confidence interval; `level` is the confidence level (e.g. 0.95). */
export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

function wilsonBounds(successes: number, trials: number, z: number): { lower: number; upper: number } {
  requireAtLeast('trials', trials, Number.MIN_VALUE);
  requireWithin('successes', successes, trials, 'trials');
  const proportion = successes / trials;
  const zSquaredOverN = (z * z) / trials;
  const center = (proportion + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth =
    (z / (1 + zSquaredOverN)) *
    Math.sqrt((proportion * (1 - proportion)) / trials + zSquaredOverN / (4 * trials));
  return {
    lower: successes === 0 ? 0 : Math.max(0, center - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, center + halfWidth),
  };
}

/**
 * Two-sided Wilson score interval for `successes` out of `trials` (successes may be fractional, e.g. ties as halves).
 * @example wilsonInterval(81, 263); // { estimate: 0.308, lower: 0.2553, upper: 0.3662, level: 0.95 }
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): ProportionInterval {
  requireOpenUnit('level', level);
  const bounds = wilsonBounds(successes, trials, normalQuantile(1 - (1 - level) / 2));
  return { estimate: successes / trials, ...bounds, level };
}

/**
 * One-sided Wilson lower confidence bound: the pass rate is at least this with confidence `level`.
 * @example wilsonLowerBound(95, 100, 0.95) >= 0.9; // a "pass rate at least 0.9 with 95% confidence" gate
 */
export function wilsonLowerBound(successes: number, trials: number, level = 0.95): number {
  requireOpenUnit('level', level);
  return wilsonBounds(successes, trials, normalQuantile(level)).lower;
}
