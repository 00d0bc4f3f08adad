import { describe, expect, it } from 'vitest';
import { normalSample } from './test-support/synthetic-data.js';
import { standardDeviation, wassersteinDistance } from './wasserstein-distance.js';

describe('wassersteinDistance', () => {
  it('matches scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8]).distance).toBeCloseTo(5, 14);
  });

  it('integrates the CDF gap for unequal sizes: [0, 1] vs [0, 1, 2] is 1/6 + 1/3 = 0.5', () => {
    expect(wassersteinDistance([0, 1], [0, 1, 2]).distance).toBeCloseTo(0.5, 14);
  });

  it('equals c for a shift by c, and c / std when normalised', () => {
    const reference = normalSample(3, 500, 10, 2);
    const shifted = reference.map((value) => value + 1.5);
    const result = wassersteinDistance(reference, shifted);
    expect(result.distance).toBeCloseTo(1.5, 12);
    expect(result.normalizedDistance).toBeCloseTo(1.5 / standardDeviation(reference), 12);
  });

  it('is symmetric, handles ties, and gives a null effect size for a constant reference', () => {
    const a = [1, 1, 2, 5, 5, 5];
    const b = [0, 2, 2, 7];
    expect(wassersteinDistance(a, b).distance).toBeCloseTo(wassersteinDistance(b, a).distance, 14);
    expect(wassersteinDistance([4, 4, 4], [4, 5])).toEqual({ distance: 0.5, normalizedDistance: null });
  });

  it('converges to |Δμ| between two large normal samples of equal spread', () => {
    const result = wassersteinDistance(normalSample(1, 20_000), normalSample(2, 20_000, 0.3));
    expect(result.distance).toBeCloseTo(0.3, 1);
  });
});
