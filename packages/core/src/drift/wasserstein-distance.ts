import { SextantError } from '../errors.js';

/** 1-D Wasserstein-1 (earth mover's) distance between two empirical distributions. */
export interface WassersteinResult {
  /** ∫ |F_reference(x) − F_current(x)| dx, in the feature's units. */
  distance: number;
  /** distance / standard deviation of the reference: a unit-free effect size; null if that deviation is 0. */
  normalizedDistance: number | null;
}

/**
 * W1 between the empirical distributions of two samples (NaN values ignored). Shifting every value
 * by c gives W1 = |c|.
 * @example wassersteinDistance([0, 1, 3], [5, 6, 8]).distance // 5
 */
export function wassersteinDistance(
  reference: readonly number[],
  current: readonly number[],
): WassersteinResult {
  const a = sortedValues(reference, 'reference');
  const b = sortedValues(current, 'current');
  let i = 0;
  let j = 0;
  let distance = 0;
  let previous = Math.min(a[0]!, b[0]!);
  while (i < a.length || j < b.length) {
    const value = Math.min(
      i < a.length ? a[i]! : Number.POSITIVE_INFINITY,
      j < b.length ? b[j]! : Number.POSITIVE_INFINITY,
    );
    // Between `previous` and `value` both CDFs are flat at i/n and j/m.
    distance += Math.abs(i / a.length - j / b.length) * (value - previous);
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    previous = value;
  }
  const deviation = standardDeviation(a);
  return { distance, normalizedDistance: deviation > 0 ? distance / deviation : null };
}

/** Sample standard deviation (n − 1 denominator); 0 for fewer than two values. */
export function standardDeviation(values: ArrayLike<number>): number {
  if (values.length < 2) return 0;
  let mean = 0;
  for (let index = 0; index < values.length; index++) mean += values[index]!;
  mean /= values.length;
  let squares = 0;
  for (let index = 0; index < values.length; index++) squares += (values[index]! - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

function sortedValues(values: readonly number[], side: string): Float64Array {
  const kept = Float64Array.from(values.filter((value) => Number.isFinite(value)));
  if (kept.length === 0) {
    throw new SextantError('bad_request', `the ${side} sample has no finite values; W1 needs at least one`);
  }
  return kept.sort();
}
