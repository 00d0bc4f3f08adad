import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { maximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { gaussianVectors, rejectionRate } from './test-support/synthetic-data.js';

/** Unbiased MMD² written out directly from its definition (Gretton et al. 2012, eq. 3). */
function directUnbiasedMmd2(x: number[][], y: number[][], bandwidth: number): number {
  const kernel = (a: number[], b: number[]) =>
    Math.exp(
      -a.reduce((sum, value, index) => sum + (value - b[index]!) ** 2, 0) / (2 * bandwidth * bandwidth),
    );
  const withinMean = (sample: number[][]) => {
    let sum = 0;
    for (let i = 0; i < sample.length; i++)
      for (let j = 0; j < sample.length; j++) if (i !== j) sum += kernel(sample[i]!, sample[j]!);
    return sum / (sample.length * (sample.length - 1));
  };
  let cross = 0;
  for (const a of x) for (const b of y) cross += kernel(a, b);
  return withinMean(x) + withinMean(y) - (2 * cross) / (x.length * y.length);
}

describe('maximumMeanDiscrepancy', () => {
  it('computes the same unbiased MMD² as the definition written out', () => {
    const random = createSeededRandom(3);
    const x = gaussianVectors(random, 12, 3).map((vector) => [...vector]);
    const y = gaussianVectors(random, 9, 3, () => 0.7).map((vector) => [...vector]);
    const result = maximumMeanDiscrepancy(x, y, { bandwidth: 1.3, permutations: 10 });
    expect(result.mmd2).toBeCloseTo(directUnbiasedMmd2(x, y, 1.3), 6);
  });

  it('estimates the closed-form population MMD² between N(0, I) and N(δ, I)', () => {
    // With k = exp(−‖x−y‖²/(2σ²)) in d dimensions: MMD² = 2 (σ²/(σ²+2))^(d/2) (1 − exp(−‖δ‖²/(2(σ²+2)))).
    const d = 2;
    const sigma = 1;
    const expected =
      2 * (sigma ** 2 / (sigma ** 2 + 2)) ** (d / 2) * (1 - Math.exp(-1 / (2 * (sigma ** 2 + 2))));
    const random = createSeededRandom(8);
    const reference = gaussianVectors(random, 1000, d);
    const current = gaussianVectors(random, 1000, d, (dimension) => (dimension === 0 ? 1 : 0));
    const result = maximumMeanDiscrepancy(reference, current, { bandwidth: sigma, permutations: 50 });
    expect(expected).toBeCloseTo(0.10235, 5);
    expect(Math.abs(result.mmd2 - expected)).toBeLessThan(0.012);
    expect(result.pValue).toBeCloseTo(1 / 51, 10);
  });

  it('gives a non-positive MMD² and a large p-value for identical samples', () => {
    const sample = gaussianVectors(createSeededRandom(4), 50, 8);
    const result = maximumMeanDiscrepancy(sample, sample, { seed: 1 });
    expect(result.mmd2).toBeLessThanOrEqual(0);
    expect(result.mmd2).toBeGreaterThanOrEqual(-2 / 50);
    expect(result.mmd).toBe(0);
    expect(result.pValue).toBeGreaterThan(0.5);
  });

  it('has uniform permutation p-values under no shift (120 seeded repetitions)', () => {
    const pValues: number[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const random = createSeededRandom(seed);
      const result = maximumMeanDiscrepancy(
        gaussianVectors(random, 40, 16),
        gaussianVectors(random, 40, 16),
        {
          permutations: 99,
          seed: seed + 500_000,
        },
      );
      pValues.push(result.pValue);
    }
    const share = (alpha: number) => pValues.filter((p) => p <= alpha).length / pValues.length;
    expect(share(0.05)).toBeGreaterThanOrEqual(0.01);
    expect(share(0.05)).toBeLessThanOrEqual(0.1);
    expect(share(0.25)).toBeGreaterThan(0.15);
    expect(share(0.25)).toBeLessThan(0.35);
    expect(share(0.5)).toBeGreaterThan(0.38);
    expect(share(0.5)).toBeLessThan(0.62);
  });

  it('detects a mean shift of embeddings (‖δ‖ = 1 in 32-d, 100 per side) with high power', () => {
    const power = rejectionRate(30, (seed) => {
      const random = createSeededRandom(seed);
      const shift = (dimension: number) => (dimension < 4 ? 0.5 : 0);
      const result = maximumMeanDiscrepancy(
        gaussianVectors(random, 100, 32),
        gaussianVectors(random, 100, 32, shift),
        {
          permutations: 99,
          seed: seed + 500_000,
        },
      );
      return result.pValue <= 0.05;
    });
    expect(power).toBeGreaterThanOrEqual(0.9);
  });

  it('subsamples each side to maxSamplesPerSide and is deterministic for a seed', () => {
    const random = createSeededRandom(6);
    const reference = gaussianVectors(random, 300, 4);
    const current = gaussianVectors(random, 200, 4);
    const first = maximumMeanDiscrepancy(reference, current, {
      maxSamplesPerSide: 64,
      seed: 9,
      permutations: 20,
    });
    expect(first).toMatchObject({ referenceSize: 64, currentSize: 64, permutations: 20 });
    expect(
      maximumMeanDiscrepancy(reference, current, { maxSamplesPerSide: 64, seed: 9, permutations: 20 }),
    ).toEqual(first);
  });

  it('rejects embeddings of different dimensions with a message that says so', () => {
    expect(() =>
      maximumMeanDiscrepancy(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ),
    ).toThrow(/dimensions/);
  });
});
