import { alignCategoryCounts, type CategoricalSample, toProportions } from './category-counts.js';

/** Jensen-Shannon divergence (base 2, in [0, 1]) and distance (its square root, a metric). */
export interface JensenShannonResult {
  divergence: number;
  distance: number;
}

/**
 * Jensen-Shannon divergence between two categorical distributions, in bits: 0 for identical
 * distributions, 1 for disjoint supports. Empty bins need no smoothing.
 * @example jensenShannon(['a'], ['b']).divergence // 1
 */
export function jensenShannon(reference: CategoricalSample, current: CategoricalSample): JensenShannonResult {
  const aligned = alignCategoryCounts(reference, current);
  return jensenShannonFromCounts(aligned.reference, aligned.current);
}

/** Jensen-Shannon divergence of two count (or probability) vectors aligned by position. */
export function jensenShannonFromCounts(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): JensenShannonResult {
  const p = toProportions(referenceCounts);
  const q = toProportions(currentCounts);
  let divergence = 0;
  for (let index = 0; index < p.length; index++) {
    const pi = p[index] ?? 0;
    const qi = q[index] ?? 0;
    const mi = (pi + qi) / 2;
    if (pi > 0) divergence += 0.5 * pi * Math.log2(pi / mi);
    if (qi > 0) divergence += 0.5 * qi * Math.log2(qi / mi);
  }
  // Rounding can leave tiny negatives or values just above 1.
  divergence = Math.min(1, Math.max(0, divergence));
  return { divergence, distance: Math.sqrt(divergence) };
}
