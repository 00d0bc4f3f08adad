import { describe, expect, it } from 'vitest';
import { adjustPValues } from './adjust-p-values.js';

describe('adjustPValues', () => {
  it("applies Holm's step-down and keeps the input order", () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06 to stay monotone.
    const adjusted = adjustPValues([0.01, 0.04, 0.03, 0.005], 'holm');
    [0.03, 0.06, 0.06, 0.02].forEach((expected, index) => {
      expect(adjusted[index]).toBeCloseTo(expected, 12);
    });
  });

  it('multiplies by the number of tests for Bonferroni, capped at 1, and leaves them alone for none', () => {
    expect(adjustPValues([0.01, 0.3], 'bonferroni')).toEqual([0.02, 0.6]);
    expect(adjustPValues([0.6, 0.2], 'bonferroni')).toEqual([1, 0.4]);
    expect(adjustPValues([0.6, 0.2], 'none')).toEqual([0.6, 0.2]);
  });

  it('never rejects less with Holm than with Bonferroni', () => {
    const pValues = [0.001, 0.011, 0.02, 0.3, 0.04, 0.0125];
    const holm = adjustPValues(pValues, 'holm');
    const bonferroni = adjustPValues(pValues, 'bonferroni');
    holm.forEach((value, index) => {
      expect(value).toBeLessThanOrEqual(bonferroni[index]!);
    });
  });
});
