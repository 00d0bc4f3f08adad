import { SextantError } from '../errors.js';
import { mean, sampleVariance } from './descriptive-statistics.js';
import { requireInteger } from './validation.js';

function requireSamples(trials: number, successes: number, k: number): void {
  requireInteger('trials', trials, 1);
  requireInteger('successes', successes, 0);
  requireInteger('k', k, 1);
  if (successes > trials) {
    throw new SextantError('bad_request', `successes (${successes}) cannot exceed trials (${trials})`);
  }
  if (k > trials) {
    throw new SextantError(
      'bad_request',
      `k (${k}) cannot exceed the ${trials} trials run; run more repeats or lower k`,
    );
  }
}

/**
 * Unbiased pass@k (Chen et al. 2021): chance that at least one of k of the n runs passes, 1 - C(n-c, k)/C(n, k).
 * @example passAtK(10, 3, 5); // 0.9167
 */
export function passAtK(trials: number, successes: number, k: number): number {
  requireSamples(trials, successes, k);
  if (trials - successes < k) return 1;
  // The numerically stable product of Chen et al.'s reference code: 1 - Π_{i=n-c+1}^{n} (1 - k/i).
  let allFail = 1;
  for (let i = trials - successes + 1; i <= trials; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/**
 * Unbiased pass^k (Yao et al. 2024, τ-bench): chance that all of k of the n runs pass, C(c, k)/C(n, k).
 * @example passHatK(10, 8, 3); // 0.4667
 */
export function passHatK(trials: number, successes: number, k: number): number {
  requireSamples(trials, successes, k);
  let allPass = 1;
  for (let i = 0; i < k; i++) allPass *= (successes - i) / (trials - i);
  return Math.max(0, allPass);
}

/** Repeated pass/fail outcomes of one item. */
export interface ItemOutcomes {
  itemId: string;
  trials: number;
  successes: number;
}

/** Mean of per-item pass@k over a dataset. */
export function meanPassAtK(items: readonly ItemOutcomes[], k: number): number {
  return mean(items.map((item) => passAtK(item.trials, item.successes, k)));
}

/** Mean of per-item pass^k over a dataset. */
export function meanPassHatK(items: readonly ItemOutcomes[], k: number): number {
  return mean(items.map((item) => passHatK(item.trials, item.successes, k)));
}

/** An item whose repeats disagree, with the spread of its scores. */
export interface FlakyItem {
  itemId: string;
  repeats: number;
  mean: number;
  /** Sample variance of the item's repeat scores (n - 1 denominator). */
  variance: number;
  range: number;
}

/**
 * Items whose repeat scores disagree by more than `tolerance` (default 0: any disagreement), most variable first.
 * @example findFlakyItems([{ itemId: 'q1', scores: [1, 0, 1] }]); // [{ itemId: 'q1', variance: 0.333, ... }]
 */
export function findFlakyItems(
  items: readonly { itemId: string; scores: readonly number[] }[],
  options: { tolerance?: number } = {},
): FlakyItem[] {
  const { tolerance = 0 } = options;
  const flaky: FlakyItem[] = [];
  for (const { itemId, scores } of items) {
    if (scores.length < 2) continue;
    const range = Math.max(...scores) - Math.min(...scores);
    if (range > tolerance) {
      flaky.push({
        itemId,
        repeats: scores.length,
        mean: mean(scores),
        variance: sampleVariance(scores),
        range,
      });
    }
  }
  return flaky.sort(
    (first, second) => second.variance - first.variance || first.itemId.localeCompare(second.itemId),
  );
}
