import { wilsonInterval, wilsonLowerBound } from '../statistics/index.js';

/** A pass rate over repeated runs of items, with the design effect of the repeats. */
export interface ClusteredPassRate {
  passes: number;
  runs: number;
  items: number;
  estimate: number;
  /** Runs' worth of independent information: runs / design effect, between items and runs. */
  effectiveRuns: number;
  /** One-sided lower bound at `level`. */
  lower: number;
  /** Two-sided interval at `level`, for display. */
  interval: { lower: number; upper: number };
  level: number;
}

/**
 * Wilson bound for a pass rate whose runs are clustered in items: repeats of one item are correlated, so the
 * sample counts as `runs / design effect` runs (Kish), with the variance of the ratio estimator across items.
 * When every run agrees (estimate 0 or 1) there is no variance to measure and each item counts once.
 * @example clusteredPassRate([[true, true, false], [true, true, true]], 0.95).lower;
 */
export function clusteredPassRate(items: readonly (readonly boolean[])[], level: number): ClusteredPassRate {
  const withRuns = items.filter((runs) => runs.length > 0);
  const runs = withRuns.reduce((total, item) => total + item.length, 0);
  const passes = withRuns.reduce((total, item) => total + item.filter(Boolean).length, 0);
  const count = withRuns.length;
  if (runs === 0) {
    return {
      passes,
      runs,
      items: 0,
      estimate: 0,
      effectiveRuns: 0,
      lower: 0,
      interval: { lower: 0, upper: 1 },
      level,
    };
  }
  const estimate = passes / runs;
  let effectiveRuns = count;
  if (estimate > 0 && estimate < 1 && count > 1) {
    const residuals = withRuns.reduce((total, item) => {
      const residual = item.filter(Boolean).length - estimate * item.length;
      return total + residual * residual;
    }, 0);
    const variance = (count / (count - 1)) * (residuals / (runs * runs));
    const independentVariance = (estimate * (1 - estimate)) / runs;
    // Clamped: never more information than independent runs, never less than one run per item.
    const designEffect = variance > 0 ? variance / independentVariance : 1;
    effectiveRuns = Math.min(runs, Math.max(count, runs / Math.max(1, designEffect)));
  }
  const successes = estimate * effectiveRuns;
  const interval = wilsonInterval(successes, effectiveRuns, level);
  return {
    passes,
    runs,
    items: count,
    estimate,
    effectiveRuns,
    lower: wilsonLowerBound(successes, effectiveRuns, level),
    interval: { lower: interval.lower, upper: interval.upper },
    level,
  };
}
