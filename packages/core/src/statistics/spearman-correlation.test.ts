import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomNormal } from './seeded-random.js';
import { averageRanks, spearmanCorrelation } from './spearman-correlation.js';

describe('spearmanCorrelation', () => {
  it("reproduces Wikipedia's IQ vs hours of TV example: Σd² = 194, ρ = -29/165 = -0.1758", () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearmanCorrelation(iq, tv).rho).toBeCloseTo(-29 / 165, 12);
  });

  it("handles ties with average ranks as in SciPy's spearmanr docs example (0.8207826816681233)", () => {
    expect(averageRanks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho).toBeCloseTo(0.8207826816681233, 12);
  });

  it('returns NaN with a [-1, 1] interval when one rater gives a constant score', () => {
    const result = spearmanCorrelation([1, 2, 3, 4, 5], [3, 3, 3, 3, 3]);
    expect(result.rho).toBeNaN();
    expect([result.lower, result.upper]).toEqual([-1, 1]);
  });

  it('Fisher-z interval covers the population ρs = (6/π)·asin(r/2) ~95% (bivariate normal r = 0.5, n = 50)', () => {
    const random = createSeededRandom(21);
    const truth = (6 / Math.PI) * Math.asin(0.25);
    let covered = 0;
    for (let run = 0; run < 2000; run++) {
      const x: number[] = [];
      const y: number[] = [];
      for (let item = 0; item < 50; item++) {
        const a = randomNormal(random);
        x.push(a);
        y.push(0.5 * a + Math.sqrt(0.75) * randomNormal(random));
      }
      const result = spearmanCorrelation(x, y);
      if (result.lower <= truth && truth <= result.upper) covered++;
    }
    expect(covered / 2000).toBeGreaterThanOrEqual(0.93);
    expect(covered / 2000).toBeLessThanOrEqual(0.97);
  });
});
