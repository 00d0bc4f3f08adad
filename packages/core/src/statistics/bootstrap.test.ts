import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval } from './bootstrap.js';
import { createSeededRandom, type RandomSource, randomNormal } from './seeded-random.js';

function coverage(
  runs: number,
  draw: (random: RandomSource) => { values: number[]; itemIds?: number[] },
  truth: number,
  cluster: boolean,
) {
  const random = createSeededRandom(99);
  let covered = 0;
  for (let run = 0; run < runs; run++) {
    const { values, itemIds } = draw(random);
    const interval = bootstrapMeanInterval(values, {
      resamples: 1000,
      seed: run,
      itemIds: cluster ? itemIds : undefined,
    });
    if (interval.lower <= truth && truth <= interval.upper) covered++;
  }
  return covered / runs;
}

// 40 items x 3 repeats: item quality N(0.6, 0.15²), repeat noise N(0, 0.1²); intra-item correlation 0.69.
function repeatedItems(random: RandomSource): { values: number[]; itemIds: number[] } {
  const values: number[] = [];
  const itemIds: number[] = [];
  for (let item = 0; item < 40; item++) {
    const quality = randomNormal(random, 0.6, 0.15);
    for (let repeat = 0; repeat < 3; repeat++) {
      values.push(quality + randomNormal(random, 0, 0.1));
      itemIds.push(item);
    }
  }
  return { values, itemIds };
}

describe('bootstrapMeanInterval', () => {
  it('matches the closed-form bootstrap standard error sqrt(Σ(x - x̄)² / n²) (Efron & Tibshirani 1993, §5.2)', () => {
    const random = createSeededRandom(1);
    const values = Array.from({ length: 400 }, () => randomNormal(random, 10, 2));
    const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
    const plugInStandardError =
      Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0)) / values.length;
    const interval = bootstrapMeanInterval(values, { resamples: 20_000, seed: 3 });
    expect(interval.estimate).toBeCloseTo(mean, 12);
    // For a large sample the percentile interval is close to mean ± z·se_boot.
    expect((interval.upper - interval.lower) / (2 * 1.959963984540054 * plugInStandardError)).toBeCloseTo(
      1,
      1,
    );
    expect(Math.abs((interval.upper + interval.lower) / 2 - mean)).toBeLessThan(0.1 * plugInStandardError);
  });

  it('is reproducible from its seed and resamples items, not observations, when itemIds are given', () => {
    const values = [1, 1, 1, 0, 0, 0];
    const itemIds = ['a', 'a', 'a', 'b', 'b', 'b'];
    expect(bootstrapMeanInterval(values, { seed: 5 })).toEqual(bootstrapMeanInterval(values, { seed: 5 }));
    const clustered = bootstrapMeanInterval(values, { itemIds, resamples: 4000 });
    expect(clustered.units).toBe(2);
    // Two items: resamples are {a,a}, {a,b}, {b,a}, {b,b}, so the 2.5% and 97.5% points are 0 and 1.
    expect([clustered.lower, clustered.upper]).toEqual([0, 1]);
    expect(() => bootstrapMeanInterval(values, { itemIds: ['a'] })).toThrow(/itemIds must name the item/);
  });

  it('covers the true mean ~95% for skewed scores (seeded simulation, 1,000 runs, n = 50)', () => {
    // Scores U², mean 1/3, skewed towards 0.
    const rate = coverage(
      1000,
      (random) => ({ values: Array.from({ length: 50 }, () => random() ** 2) }),
      1 / 3,
      false,
    );
    expect(rate).toBeGreaterThanOrEqual(0.93);
    expect(rate).toBeLessThanOrEqual(0.97);
  });

  it('covers ~95% with repeats when clustered, while treating repeats as independent under-covers', () => {
    const clustered = coverage(1000, repeatedItems, 0.6, true);
    const naive = coverage(300, repeatedItems, 0.6, false);
    expect(clustered).toBeGreaterThanOrEqual(0.93);
    expect(clustered).toBeLessThanOrEqual(0.97);
    expect(naive).toBeLessThan(0.88);
  });
});
