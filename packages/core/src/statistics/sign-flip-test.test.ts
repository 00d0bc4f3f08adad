import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomNormal } from './seeded-random.js';
import { signFlipTest } from './sign-flip-test.js';

// Darwin's Zea mays data as analysed by Fisher (The Design of Experiments, 1935, §21): height differences,
// crossed minus self-fertilised, in eighths of an inch. Fisher counted 863 of 2^15 = 32,768 sign patterns with
// a sum at least the observed 314: one-sided p = 0.02634, two-sided p = 0.05267.
const zeaMays = [49, -67, 8, 16, 6, 23, 28, 41, 14, 29, 56, 24, 75, 60, -48];

describe('signFlipTest', () => {
  it("reproduces Fisher's exact randomisation test on Darwin's Zea mays data", () => {
    const result = signFlipTest(zeaMays);
    expect(result.exact).toBe(true);
    expect(result.permutations).toBe(32_768);
    expect(result.pValue.greater).toBe(863 / 32_768);
    expect(result.pValue.twoSided).toBe(1726 / 32_768);
    expect(result.meanDifference).toBeCloseTo(314 / 15, 12);
  });

  it('Monte Carlo p-values agree with exact enumeration within their sampling error', () => {
    const result = signFlipTest(zeaMays, { exactUpTo: 0, permutations: 100_000, seed: 9 });
    expect(result.exact).toBe(false);
    expect(Math.abs(result.pValue.greater - 863 / 32_768)).toBeLessThan(0.002);
    expect(Math.abs(result.pValue.twoSided - 1726 / 32_768)).toBeLessThan(0.003);
  });

  it('gives p = 1 in every direction when all differences are zero, and handles one-sided directions', () => {
    expect(signFlipTest([0, 0, 0]).pValue).toEqual({ twoSided: 1, greater: 1, less: 1 });
    const negative = signFlipTest([-1, -2, -3, -4]);
    expect(negative.pValue.less).toBe(1 / 16);
    expect(negative.pValue.greater).toBe(1);
  });

  it('rejects a true null at about alpha (seeded simulation, 1,500 runs of 12 exact and 40 Monte Carlo items)', () => {
    const random = createSeededRandom(77);
    for (const items of [12, 40]) {
      let twoSided = 0;
      let greater = 0;
      const runs = 1500;
      for (let run = 0; run < runs; run++) {
        // Skewed but symmetric-under-null differences: a difference of two independent skewed scores.
        const differences = Array.from(
          { length: items },
          () => random() ** 3 - random() ** 3 + randomNormal(random, 0, 0.01),
        );
        const result = signFlipTest(differences, { permutations: 499, seed: run });
        if (result.pValue.twoSided <= 0.05) twoSided++;
        if (result.pValue.greater <= 0.05) greater++;
      }
      expect(twoSided / runs).toBeGreaterThan(0.035);
      expect(twoSided / runs).toBeLessThan(0.065);
      expect(greater / runs).toBeGreaterThan(0.035);
      expect(greater / runs).toBeLessThan(0.065);
    }
  });
});
