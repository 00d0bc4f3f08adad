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

  it('incomplete gamma and chi-square tails', () => {
    expect(regularizedGammaP(2.5, 1)).toBeCloseTo(0.15085496391539038, 13);
    expect(regularizedGammaQ(2.5, 10)).toBeCloseTo(0.0012497305630313773, 14);
    expect(regularizedGammaQ(0.5, 30) / 9.485737571073857e-15).toBeCloseTo(1, 10);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(18.307, 10)).toBeCloseTo(0.05000058909139812, 12);
    expect(chiSquareSurvival(21.35, 1) / 3.826207550670803e-6).toBeCloseTo(1, 9);
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
