import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from './normal-distribution.js';
import {
  binomialCdf,
  binomialProbability,
  chiSquareSurvival,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from './special-functions.js';

// Reference values from SciPy 1.17.1 (scipy.special / scipy.stats), which wraps Cephes and Boost.
describe('special functions against SciPy reference values', () => {
  it('logGamma matches math.lgamma, including ln(99!) and ln Γ(1/2) = ln √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(logGamma(0.1)).toBeCloseTo(2.2527126517342055, 12);
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383854, 11);
  });

  it('logGamma reproduces factorials: ln 4! and ln 100!', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });

  it('incomplete gamma and chi-square tails', () => {
    expect(regularizedGammaP(2.5, 1)).toBeCloseTo(0.15085496391539038, 13);
    expect(regularizedGammaQ(2.5, 10)).toBeCloseTo(0.0012497305630313773, 14);
    expect(regularizedGammaQ(0.5, 30) / 9.485737571073857e-15).toBeCloseTo(1, 10);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05000058909139812, 12);
    expect(chiSquareSurvival(21.35, 1) / 3.826207550670803e-6).toBeCloseTo(1, 9);
  });

  it('regularizedGammaQ(1, x) = exp(-x) on both sides of the series / continued-fraction switch at x = a + 1', () => {
    for (const x of [0.1, 1.9, 2.1, 30]) expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 11);
  });

  it('binomial pmf and cdf', () => {
    expect(binomialCdf(3, 10, 0.3)).toBeCloseTo(0.6496107184000002, 13);
    expect(binomialProbability(7, 20, 0.4)).toBeCloseTo(0.1658822656197136, 13);
    expect(binomialCdf(480, 1000, 0.5)).toBeCloseTo(0.10872414660207075, 12);
    // Relative error ~1e-11 at n = 10^4-10^5 comes from ln Γ(n + 1) ≈ 10^5 carrying 1e-16 relative error.
    expect(binomialCdf(30, 10_000, 0.005) / 0.0015603853550593154).toBeCloseTo(1, 9);
    expect(binomialCdf(9990, 10_000, 0.999)).toBeCloseTo(0.5421328760209828, 9);
    expect(binomialCdf(2, 100_000, 0.0001) / 0.002768487800530951).toBeCloseTo(1, 9);
    expect(binomialCdf(70, 100, 0.5)).toBeCloseTo(0.9999839199923521, 14);
    expect(binomialCdf(10, 100, 0.5) / 1.5316450877189923e-17).toBeCloseTo(1, 10);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialProbability(0, 5, 0)).toBe(1);
  });

  it('normalCdf matches scipy.stats.norm.cdf in the centre and the far tail', () => {
    const cases: [number, number][] = [
      [-8, 6.22096057427174e-16],
      [-3, 0.0013498980316300933],
      [-1.96, 0.024997895148220435],
      [0, 0.5],
      [1, 0.8413447460685429],
      [1.96, 0.9750021048517795],
      [3, 0.9986501019683699],
    ];
    for (const [x, expected] of cases) expect(normalCdf(x) / expected).toBeCloseTo(1, 12);
  });

  it('normalQuantile matches scipy.stats.norm.ppf', () => {
    const cases: [number, number][] = [
      [1e-10, -6.361340902404056],
      [0.001, -3.090232306167813],
      [0.025, -1.9599639845400545],
      [0.05, -1.6448536269514729],
      [0.3, -0.5244005127080409],
      [0.9, 1.2815515655446004],
      [0.975, 1.959963984540054],
      [0.999, 3.090232306167813],
    ];
    for (const [p, expected] of cases) expect(normalQuantile(p)).toBeCloseTo(expected, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('chiSquareSurvival', () => {
  // Upper-tail critical values from the standard chi-square table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4).
  it.each([
    [3.841, 1, 0.05],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [11.07, 5, 0.05],
    [18.307, 10, 0.05],
    [6.635, 1, 0.01],
    [23.209, 10, 0.01],
    [43.773, 30, 0.05],
    [124.342, 100, 0.05],
    [2.706, 1, 0.1],
  ])('P(chi2 > %f | df = %i) = %f as in published tables', (statistic, degreesOfFreedom, expected) => {
    expect(chiSquareSurvival(statistic, degreesOfFreedom)).toBeCloseTo(expected, 4);
  });

  it('matches the closed form exp(-x/2) for two degrees of freedom, far into the tail', () => {
    for (const x of [0.01, 1, 5.991464547107979, 20, 80]) {
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 10);
    }
  });

  it('is 1 at 0 and decreases in the statistic', () => {
    expect(chiSquareSurvival(0, 4)).toBe(1);
    expect(chiSquareSurvival(3, 4)).toBeGreaterThan(chiSquareSurvival(4, 4));
  });
});

describe('two-sided normal tail 2 Φ(−|z|)', () => {
  it.each([
    [1.959963984540054, 0.05],
    [2.5758293035489, 0.01],
    [1.6448536269514722, 0.1],
    [0, 1],
  ])('P(|Z| >= %f) = %f from either tail', (z, expected) => {
    expect(2 * normalCdf(-z)).toBeCloseTo(expected, 10);
    expect(2 * (1 - normalCdf(z))).toBeCloseTo(expected, 10);
  });

  it('keeps relative precision in the far tail (P(|Z| > 6) = 1.973e-9)', () => {
    expect((2 * normalCdf(-6)) / 1.973175290075e-9).toBeCloseTo(1, 6);
  });
});
