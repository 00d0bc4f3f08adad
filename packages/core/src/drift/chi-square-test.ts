import { chiSquareSurvival } from '../statistics/special-functions.js';
import { alignCategoryCounts, type CategoricalSample } from './category-counts.js';

/** Pearson chi-square test of homogeneity on a 2 × k table (reference vs current counts). */
export interface ChiSquareTestResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Cramér's V in [0, 1]: sqrt(χ² / (N · (min(rows, columns) − 1))); for 2 rows, sqrt(χ² / N). */
  cramersV: number;
  /** Smallest expected cell count; below 5 the chi-square approximation is doubtful. */
  minimumExpected: number;
}

/**
 * Tests whether reference and current labels come from the same categorical distribution.
 * Categories absent from both are dropped; with fewer than two categories the test is vacuous (p = 1).
 * @example chiSquareTest({ a: 30, b: 10 }, { a: 10, b: 30 }) // χ² = 20, df = 1, p ≈ 7.7e-6
 */
export function chiSquareTest(reference: CategoricalSample, current: CategoricalSample): ChiSquareTestResult {
  const aligned = alignCategoryCounts(reference, current);
  return chiSquareTestFromCounts(aligned.reference, aligned.current);
}

/** The chi-square test on two count vectors aligned by position. */
export function chiSquareTestFromCounts(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
): ChiSquareTestResult {
  const columns: Array<[number, number]> = [];
  for (let index = 0; index < referenceCounts.length; index++) {
    const referenceCount = referenceCounts[index] ?? 0;
    const currentCount = currentCounts[index] ?? 0;
    if (referenceCount + currentCount > 0) columns.push([referenceCount, currentCount]);
  }
  const referenceTotal = columns.reduce((sum, [count]) => sum + count, 0);
  const currentTotal = columns.reduce((sum, [, count]) => sum + count, 0);
  const total = referenceTotal + currentTotal;
  if (columns.length < 2 || referenceTotal === 0 || currentTotal === 0) {
    return { statistic: 0, degreesOfFreedom: 0, pValue: 1, cramersV: 0, minimumExpected: Number.NaN };
  }
  let statistic = 0;
  let minimumExpected = Number.POSITIVE_INFINITY;
  for (const [referenceCount, currentCount] of columns) {
    const columnTotal = referenceCount + currentCount;
    const expectedReference = (referenceTotal * columnTotal) / total;
    const expectedCurrent = (currentTotal * columnTotal) / total;
    statistic += (referenceCount - expectedReference) ** 2 / expectedReference;
    statistic += (currentCount - expectedCurrent) ** 2 / expectedCurrent;
    minimumExpected = Math.min(minimumExpected, expectedReference, expectedCurrent);
  }
  const degreesOfFreedom = columns.length - 1;
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
    cramersV: Math.sqrt(statistic / total),
    minimumExpected,
  };
}
