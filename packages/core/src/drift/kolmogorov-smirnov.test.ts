import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomNormal } from '../statistics/seeded-random.js';
import { kolmogorovSmirnov, kolmogorovSurvival } from './kolmogorov-smirnov.js';
import { normalSample, rejectionRate } from './test-support/synthetic-data.js';

/** D by brute force: the largest CDF gap over every pooled value. */
function bruteForceStatistic(a: readonly number[], b: readonly number[]): number {
  const cdf = (sample: readonly number[], x: number) =>
    sample.filter((value) => value <= x).length / sample.length;
  return Math.max(...[...a, ...b].map((x) => Math.abs(cdf(a, x) - cdf(b, x))));
}

/** Exact permutation p-value: share of all C(n+m, n) splits of the pooled sample with D >= observed. */
function enumeratedPValue(a: readonly number[], b: readonly number[]): number {
  const pooled = [...a, ...b];
  const observed = bruteForceStatistic(a, b);
  let asExtreme = 0;
  let splits = 0;
  const choose = (start: number, chosen: number[]) => {
    if (chosen.length === a.length) {
      const rest = pooled.filter((_, index) => !chosen.includes(index));
      splits++;
      if (
        bruteForceStatistic(
          chosen.map((index) => pooled[index]!),
          rest,
        ) >=
        observed - 1e-12
      )
        asExtreme++;
      return;
    }
    for (let index = start; index < pooled.length; index++) choose(index + 1, [...chosen, index]);
  };
  choose(0, []);
  return asExtreme / splits;
}

describe('kolmogorovSmirnov', () => {
  it('matches scipy.stats.ks_2samp([1..5], [6..10]): D = 1, p = 2/252', () => {
    const result = kolmogorovSmirnov([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(result).toMatchObject({ statistic: 1, method: 'exact' });
    expect(result.pValue).toBeCloseTo(2 / 252, 14);
  });

  it('gives exact p-values equal to full enumeration of all splits on small samples', () => {
    const random = createSeededRandom(11);
    for (const [n, m, shift] of [
      [5, 6, 0],
      [6, 6, 1],
      [4, 8, 0.5],
      [7, 5, 2],
    ] as const) {
      const a = Array.from({ length: n }, () => randomNormal(random));
      const b = Array.from({ length: m }, () => randomNormal(random) + shift);
      const result = kolmogorovSmirnov(a, b);
      expect(result.statistic).toBeCloseTo(bruteForceStatistic(a, b), 14);
      expect(result.pValue).toBeCloseTo(enumeratedPValue(a, b), 12);
    }
  });

  it('keeps the asymptotic p-value (with the small-sample correction) within 0.03 of the exact one', () => {
    const random = createSeededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const a = Array.from({ length: 40 }, () => randomNormal(random));
      const b = Array.from({ length: 30 }, () => randomNormal(random) + 0.4);
      const exact = kolmogorovSmirnov(a, b, { method: 'exact' }).pValue;
      const asymptotic = kolmogorovSmirnov(a, b, { method: 'asymptotic' }).pValue;
      expect(Math.abs(exact - asymptotic)).toBeLessThan(0.03);
    }
  });

  it('steps past tied values on both sides before comparing the CDFs', () => {
    // F_ref(1) = 0.5, F_cur(1) = 0.25; both reach 1 at 2. Comparing inside a run of ties would give 0.75.
    const result = kolmogorovSmirnov([1, 1, 2, 2], [1, 2, 2, 2]);
    expect(result.statistic).toBeCloseTo(0.25, 14);
    expect(result.method).toBe('asymptotic');
    expect(kolmogorovSmirnov([3, 3, 3], [3, 3]).pValue).toBe(1);
  });

  it('false-alarms at most at its nominal 5% under no shift (exact, asymptotic, and with ties)', () => {
    const exactRate = rejectionRate(300, (seed) => {
      const result = kolmogorovSmirnov(normalSample(seed, 60), normalSample(seed + 10_000, 60));
      return result.pValue <= 0.05;
    });
    const asymptoticRate = rejectionRate(300, (seed) => {
      return kolmogorovSmirnov(normalSample(seed, 300), normalSample(seed + 10_000, 250)).pValue <= 0.05;
    });
    // Token counts: heavily tied integers.
    const tiedRate = rejectionRate(300, (seed) => {
      const round = (values: number[]) => values.map((value) => Math.round(20 + 3 * value));
      return (
        kolmogorovSmirnov(round(normalSample(seed, 200)), round(normalSample(seed + 10_000, 200))).pValue <=
        0.05
      );
    });
    for (const rate of [exactRate, asymptoticRate]) {
      expect(rate).toBeGreaterThanOrEqual(0.02);
      expect(rate).toBeLessThanOrEqual(0.09);
    }
    expect(tiedRate).toBeLessThanOrEqual(0.09);
  });

  it('detects a half-standard-deviation shift with 150 per side nearly always', () => {
    const power = rejectionRate(100, (seed) => {
      return kolmogorovSmirnov(normalSample(seed, 150), normalSample(seed + 10_000, 150, 0.5)).pValue <= 0.05;
    });
    expect(power).toBeGreaterThanOrEqual(0.9);
  });
});

describe('kolmogorovSurvival', () => {
  // Critical values of the Kolmogorov distribution (Smirnov 1948; Massey 1951 table, large-sample row).
  it.each([
    [1.22385, 0.1],
    [1.3581, 0.05],
    [1.62762, 0.01],
    [1.94947, 0.001],
  ])('P(K > %f) = %f', (lambda, expected) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(expected, 5);
  });

  it('agrees with 100 terms of the alternating series 2 Σ (−1)^(j−1) exp(−2j²λ²) to 1e-12', () => {
    const series = (lambda: number) => {
      let sum = 0;
      for (let j = 1; j <= 100; j++) sum += (j % 2 === 1 ? 2 : -2) * Math.exp(-2 * j * j * lambda * lambda);
      return sum;
    };
    // The alternating series converges too slowly below ~0.6 to serve as the reference there.
    for (let lambda = 0.6; lambda < 3; lambda += 0.01) {
      expect(Math.abs(kolmogorovSurvival(lambda) - series(lambda))).toBeLessThan(1e-12);
    }
  });

  it('runs from 1 to 0', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.3)).toBeCloseTo(0.999991, 6);
    expect(kolmogorovSurvival(5)).toBeLessThan(1e-20);
  });
});
