import { describe, expect, it } from 'vitest';
import { cohensKappa, kappaFromCounts } from './cohens-kappa.js';
import { confusionMatrix, orderCategories, percentAgreement } from './confusion-matrix.js';
import { createSeededRandom, randomInteger } from './seeded-random.js';

// Fleiss, Cohen & Everitt (1969) large-sample variance of unweighted kappa, written out as in
// Fleiss, Levin & Paik (2003, eq. 18.13): an independent form of the weighted formula the library uses.
function unweightedKappaVariance(counts: number[][]): number {
  const n = counts.flat().reduce((sum, count) => sum + count, 0);
  const p = counts.map((row) => row.map((count) => count / n));
  const rows = p.map((row) => row.reduce((sum, x) => sum + x, 0));
  const columns = p.map((_, j) => p.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const observed = p.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const expected = rows.reduce((sum, share, i) => sum + share * (columns[i] ?? 0), 0);
  const kappa = (observed - expected) / (1 - expected);
  let a = 0;
  let b = 0;
  for (const [i, row] of p.entries()) {
    for (const [j, share] of row.entries()) {
      if (i === j) a += share * (1 - ((rows[i] ?? 0) + (columns[i] ?? 0)) * (1 - kappa)) ** 2;
      else b += share * ((columns[i] ?? 0) + (rows[j] ?? 0)) ** 2;
    }
  }
  return (a + (1 - kappa) ** 2 * b - (kappa - expected * (1 - kappa)) ** 2) / (n * (1 - expected) ** 2);
}

describe("Cohen's kappa", () => {
  it("reproduces Wikipedia's worked example: 50 items, 20/5/10/15, po = 0.7, pe = 0.5, kappa = 0.4", () => {
    const result = kappaFromCounts([
      [20, 5],
      [10, 15],
    ]);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.standardError ** 2).toBeCloseTo(
      unweightedKappaVariance([
        [20, 5],
        [10, 15],
      ]),
      12,
    );
  });

  it("reproduces Wikipedia's equal-agreement, different-kappa tables: 0.1304 and 0.2593", () => {
    expect(
      kappaFromCounts([
        [45, 15],
        [25, 15],
      ]).kappa,
    ).toBeCloseTo(0.1304, 4);
    expect(
      kappaFromCounts([
        [25, 35],
        [5, 35],
      ]).kappa,
    ).toBeCloseTo(0.2593, 4);
  });

  it('builds the table from raw labels, in numeric order, and matches the 3x3 variance formula', () => {
    const first = [1, 1, 2, 3, 3, 2, 1, 3, 2, 2, 1, 3];
    const second = [1, 2, 2, 3, 2, 2, 1, 3, 1, 2, 1, 3];
    const result = cohensKappa(first, second);
    expect(result.matrix.categories).toEqual([1, 2, 3]);
    expect(result.matrix.counts).toEqual([
      [3, 1, 0],
      [1, 3, 0],
      [0, 1, 3],
    ]);
    expect(result.standardError ** 2).toBeCloseTo(unweightedKappaVariance(result.matrix.counts), 12);
    expect(orderCategories(['b', 'a', 'c'])).toEqual(['a', 'b', 'c']);
    expect(orderCategories([true, false])).toEqual([false, true]);
    expect(() => confusionMatrix(['x'], ['y'], ['x'])).toThrow(
      /label "y", which is not among the categories/,
    );
    expect(percentAgreement(first, second).estimate).toBeCloseTo(9 / 12, 12);
  });

  it('quadratic weighted kappa equals 2·s_xy / (s_x² + s_y² + (x̄ - ȳ)²) (Schuster 2004)', () => {
    const random = createSeededRandom(8);
    const first = Array.from({ length: 80 }, () => randomInteger(random, 1, 6));
    const second = first.map((score) => Math.min(5, Math.max(1, score + randomInteger(random, -1, 2))));
    const n = first.length;
    const meanX = first.reduce((sum, x) => sum + x, 0) / n;
    const meanY = second.reduce((sum, y) => sum + y, 0) / n;
    const varianceX = first.reduce((sum, x) => sum + (x - meanX) ** 2, 0) / n;
    const varianceY = second.reduce((sum, y) => sum + (y - meanY) ** 2, 0) / n;
    const covariance = first.reduce((sum, x, i) => sum + (x - meanX) * ((second[i] ?? 0) - meanY), 0) / n;
    const categories = [1, 2, 3, 4, 5];
    const quadratic = cohensKappa(first, second, { weighting: 'quadratic', categories });
    expect(quadratic.kappa).toBeCloseTo(
      (2 * covariance) / (varianceX + varianceY + (meanX - meanY) ** 2),
      12,
    );

    // Linear weights: 1 - mean |x - y| over items / mean |x_i - y_j| over all pairs of items.
    let crossDistance = 0;
    for (const x of first) for (const y of second) crossDistance += Math.abs(x - y);
    const itemDistance = first.reduce((sum, x, i) => sum + Math.abs(x - (second[i] ?? 0)), 0) / n;
    const linear = cohensKappa(first, second, { weighting: 'linear', categories });
    expect(linear.kappa).toBeCloseTo(1 - itemDistance / (crossDistance / (n * n)), 12);
    expect(quadratic.kappa).toBeGreaterThan(linear.kappa);
    expect(linear.kappa).toBeGreaterThan(cohensKappa(first, second, { categories }).kappa);
  });

  // At 150 items the quadratic-weighted Wald interval covers only about 0.93 (its SE runs ~4% small), so the
  // check uses 300 items, where both weightings are at 0.95.
  it('interval covers the population kappa ~95% and the SE matches the spread (2,000 samples of 300)', () => {
    const population = [
      [0.25, 0.05, 0.02],
      [0.05, 0.25, 0.05],
      [0.01, 0.07, 0.25],
    ];
    let running = 0;
    const cumulative = population.flat().map((p) => {
      running += p;
      return running;
    });
    const random = createSeededRandom(12);
    for (const weighting of ['none', 'quadratic'] as const) {
      const truth = kappaFromCounts(population, { weighting }).kappa;
      const estimates: number[] = [];
      let covered = 0;
      let meanError = 0;
      for (let run = 0; run < 2000; run++) {
        const counts: number[][] = [new Array(3).fill(0), new Array(3).fill(0), new Array(3).fill(0)];
        for (let item = 0; item < 300; item++) {
          const u = random();
          const cell = cumulative.findIndex((edge) => u < edge);
          const row = counts[Math.floor(cell / 3)]!;
          row[cell % 3] = (row[cell % 3] ?? 0) + 1;
        }
        const result = kappaFromCounts(counts, { weighting });
        estimates.push(result.kappa);
        meanError += result.standardError / 2000;
        if (result.lower <= truth && truth <= result.upper) covered++;
      }
      const mean = estimates.reduce((sum, x) => sum + x, 0) / estimates.length;
      const spread = Math.sqrt(
        estimates.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (estimates.length - 1),
      );
      expect(covered / 2000).toBeGreaterThanOrEqual(0.93);
      expect(covered / 2000).toBeLessThanOrEqual(0.97);
      expect(meanError / spread).toBeGreaterThan(0.9);
      expect(meanError / spread).toBeLessThan(1.1);
    }
  });
});
