import { describe, expect, it } from 'vitest';
import { cohensKappa } from './cohens-kappa.js';
import { pairedBootstrap } from './paired-bootstrap.js';
import { createSeededRandom } from './seeded-random.js';

/** Two raters who each copy a latent yes/no label with probability `accuracy`, else flip it. */
function simulateRaters(seed: number, items: number, accuracy: number) {
  const random = createSeededRandom(seed);
  const first: number[] = [];
  const second: number[] = [];
  for (let index = 0; index < items; index++) {
    const truth = random() < 0.4 ? 1 : 0;
    first.push(random() < accuracy ? truth : 1 - truth);
    second.push(random() < accuracy ? truth : 1 - truth);
  }
  return { first, second };
}

describe('pairedBootstrap', () => {
  it('is seeded: the same data and seed give the same interval', () => {
    const { first, second } = simulateRaters(1, 80, 0.85);
    const kappa = (a: number[], b: number[]) => cohensKappa(a, b, { categories: [0, 1] }).kappa;
    const one = pairedBootstrap(first, second, kappa, { seed: 5, resamples: 500 });
    expect(pairedBootstrap(first, second, kappa, { seed: 5, resamples: 500 })).toEqual(one);
    expect(one.lower).toBeLessThan(one.estimate);
    expect(one.upper).toBeGreaterThan(one.estimate);
  });

  it('covers the population kappa about 95% of the time (seeded, 200 samples of 150 items)', () => {
    // Population kappa of two raters with accuracy a on a 40% base rate, computed from the joint distribution.
    const accuracy = 0.85;
    const agree = accuracy * accuracy + (1 - accuracy) * (1 - accuracy);
    const positive = 0.4 * accuracy + 0.6 * (1 - accuracy);
    const chance = positive * positive + (1 - positive) * (1 - positive);
    const truth = (agree - chance) / (1 - chance);
    const kappa = (a: number[], b: number[]) => cohensKappa(a, b, { categories: [0, 1] }).kappa;
    let covered = 0;
    const runs = 200;
    for (let run = 0; run < runs; run++) {
      const { first, second } = simulateRaters(100 + run, 150, accuracy);
      const interval = pairedBootstrap(first, second, kappa, { seed: run, resamples: 300 });
      if (interval.lower <= truth && truth <= interval.upper) covered++;
    }
    // Binomial sd at 200 runs is ~1.5 points; percentile bootstraps run slightly narrow on small samples.
    expect(covered / runs).toBeGreaterThan(0.9);
    expect(covered / runs).toBeLessThan(0.99);
  });

  it('refuses ratings of different lengths with both lengths in the message', () => {
    expect(() => pairedBootstrap([1, 2], [1], () => 0)).toThrow(/got 2 and 1/);
  });
});
