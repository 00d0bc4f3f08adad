import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, normalTwoSidedPValue } from './chi-square-survival.js';
import { logGamma, regularizedUpperGamma } from './regularized-gamma.js';

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

describe('normalTwoSidedPValue', () => {
  it.each([
    [1.959963984540054, 0.05],
    [2.5758293035489, 0.01],
    [1.6448536269514722, 0.1],
    [0, 1],
  ])('P(|Z| >= %f) = %f', (z, expected) => {
    expect(normalTwoSidedPValue(z)).toBeCloseTo(expected, 10);
    expect(normalTwoSidedPValue(-z)).toBeCloseTo(expected, 10);
  });

  it('keeps relative precision in the far tail (P(|Z| > 6) = 1.973e-9)', () => {
    expect(normalTwoSidedPValue(6) / 1.973175290075e-9).toBeCloseTo(1, 6);
  });
});

describe('logGamma and regularizedUpperGamma', () => {
  it('reproduces factorials and Γ(1/2) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('gives Q(1, x) = exp(-x) on both sides of the series / continued-fraction switch', () => {
    for (const x of [0.1, 1.9, 2.1, 30])
      expect(regularizedUpperGamma(1, x) / Math.exp(-x)).toBeCloseTo(1, 11);
  });
});
