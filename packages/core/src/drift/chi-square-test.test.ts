import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { chiSquareTest } from './chi-square-test.js';
import { categoricalSample, rejectionRate } from './test-support/synthetic-data.js';

describe('chiSquareTest', () => {
  it('computes a hand-checkable 2 x 2 table: chi2 = 20, p = erfc(√10) = 7.744e-6, V = 0.5', () => {
    const result = chiSquareTest({ a: 30, b: 10 }, { a: 10, b: 30 });
    expect(result.statistic).toBeCloseTo(20, 12);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(7.7442e-6, 9);
    expect(result.cramersV).toBeCloseTo(0.5, 12);
  });

  it('lands on the 5% critical value of chi2 with 2 df for a table built to have chi2 = 5.991', () => {
    // Reference (a, b, c) = (50, 50, 100) vs current (50 + x, 50 − x, 100): every a/b cell is off its
    // expectation 50 ± x/2 by x/2, so chi2 = 50x² / (2500 − x²/4), i.e. x² = 2500 chi2 / (50 + chi2/4).
    const critical = 5.991464547107979;
    const x = Math.sqrt((2500 * critical) / (50 + critical / 4));
    const result = chiSquareTest({ a: 50, b: 50, c: 100 }, { a: 50 + x, b: 50 - x, c: 100 });
    expect(result.statistic).toBeCloseTo(critical, 9);
    expect(result.pValue).toBeCloseTo(0.05, 9);
  });

  it('drops categories absent from both sides and is vacuous with a single category', () => {
    expect(chiSquareTest({ a: 5, b: 0 }, { a: 7 })).toMatchObject({ pValue: 1, degreesOfFreedom: 0 });
  });

  const probabilities = { gpt: 0.5, claude: 0.3, llama: 0.15, mistral: 0.05 };

  it('false-alarms at about its nominal 5% over 300 seeded no-shift repetitions', () => {
    const rate = rejectionRate(300, (seed) => {
      const random = createSeededRandom(seed);
      const reference = categoricalSample(random, 400, probabilities);
      const current = categoricalSample(random, 400, probabilities);
      return chiSquareTest(reference, current).pValue <= 0.05;
    });
    expect(rate).toBeGreaterThanOrEqual(0.02);
    expect(rate).toBeLessThanOrEqual(0.09);
  });

  it('detects 10% of the mass moved to a new category almost always', () => {
    const shifted = { gpt: 0.45, claude: 0.27, llama: 0.135, mistral: 0.045, gemini: 0.1 };
    const rate = rejectionRate(100, (seed) => {
      const random = createSeededRandom(seed);
      return (
        chiSquareTest(categoricalSample(random, 400, probabilities), categoricalSample(random, 400, shifted))
          .pValue <= 0.05
      );
    });
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
