import { describe, expect, it } from 'vitest';
import { areaUnderCurve, midranks } from './area-under-curve.js';

describe('areaUnderCurve', () => {
  it('matches scikit-learn roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75', () => {
    expect(areaUnderCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('is 1 for perfect separation, 0 when inverted, 0.5 when every score ties', () => {
    expect(areaUnderCurve([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(areaUnderCurve([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(areaUnderCurve([7, 7, 7, 7], [0, 1, 0, 1])).toBe(0.5);
    expect(areaUnderCurve([1, 2], [1, 1])).toBeNaN();
  });

  it('counts a tie between classes as one half', () => {
    // Pairs (pos, neg): (2 vs 1) win, (2 vs 2) tie, (3 vs 1) win, (3 vs 2) win → 3.5 / 4.
    expect(areaUnderCurve([1, 2, 2, 3], [0, 0, 1, 1])).toBe(0.875);
    expect([...midranks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
  });
});
