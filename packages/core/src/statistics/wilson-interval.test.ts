import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomBinomial } from './seeded-random.js';
import { binomialProbability } from './special-functions.js';
import { wilsonInterval, wilsonLowerBound } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('reproduces Newcombe (1998, Stat Med 17:857, Table II, method 3) to 4 decimals', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662], // also Wikipedia "Binomial proportion confidence interval"
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [29, 29, 0.883, 1],
    ];
    for (const [successes, trials, lower, upper] of cases) {
      const interval = wilsonInterval(successes, trials);
      expect(interval.lower).toBeCloseTo(lower, 4);
      expect(interval.upper).toBeCloseTo(upper, 4);
      expect(interval.estimate).toBe(successes / trials);
    }
  });

  it('one-sided lower bound at 95% is the two-sided 90% lower limit (SciPy binomtest wilson: 0.900839)', () => {
    expect(wilsonLowerBound(95, 100, 0.95)).toBeCloseTo(0.9008389147209472, 10);
    expect(wilsonLowerBound(0, 10)).toBe(0);
  });

  it('rejects impossible counts with a message that names the problem', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/successes must be between 0 and trials/);
    expect(() => wilsonInterval(1, 0)).toThrow(/trials/);
    expect(() => wilsonInterval(1, 10, 95)).toThrow(/level/);
  });

  it('covers the true rate about 95% of the time (seeded simulation, 4,000 runs per scenario)', () => {
    const random = createSeededRandom(2024);
    for (const [trials, rate] of [
      [50, 0.3],
      [200, 0.9],
      [30, 0.5],
    ] as const) {
      let covered = 0;
      for (let run = 0; run < 4000; run++) {
        const interval = wilsonInterval(randomBinomial(random, trials, rate), trials);
        if (interval.lower <= rate && rate <= interval.upper) covered++;
      }
      expect(covered / 4000).toBeGreaterThanOrEqual(0.93);
      expect(covered / 4000).toBeLessThanOrEqual(0.97);
    }
  });

  it('has exact coverage averaged over rates in [0.05, 0.95] of 0.95 ± 0.01 (Brown, Cai & DasGupta 2001)', () => {
    for (const trials of [20, 100]) {
      let total = 0;
      let grid = 0;
      for (let rate = 0.05; rate <= 0.95 + 1e-9; rate += 0.01, grid++) {
        for (let successes = 0; successes <= trials; successes++) {
          const interval = wilsonInterval(successes, trials);
          if (interval.lower <= rate && rate <= interval.upper) {
            total += binomialProbability(successes, trials, rate);
          }
        }
      }
      expect(Math.abs(total / grid - 0.95)).toBeLessThan(0.01);
    }
  });
});
