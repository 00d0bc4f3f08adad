import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { domainClassifier } from './domain-classifier.js';
import { gaussianVectors, rejectionRate } from './test-support/synthetic-data.js';

describe('domainClassifier', () => {
  it('reaches AUC ≈ 1 on well-separated sides and ≈ 0.5 on identical distributions', () => {
    const random = createSeededRandom(1);
    const far = domainClassifier(
      gaussianVectors(random, 200, 16),
      gaussianVectors(random, 200, 16, () => 2),
      { seed: 1 },
    );
    expect(far.auc).toBeGreaterThan(0.99);
    expect(far).toMatchObject({ drifted: true });
    expect(far.pValue).toBeCloseTo(1 / 2001, 10);
    const same = domainClassifier(gaussianVectors(random, 200, 16), gaussianVectors(random, 200, 16), {
      seed: 1,
    });
    expect(Math.abs(same.auc - 0.5)).toBeLessThan(0.06);
    expect(same.threshold).toBeGreaterThan(0.5);
    expect(same.threshold).toBeLessThan(0.6);
  });

  it('false-alarms at most at about its nominal 5% under no shift (150 seeded repetitions)', () => {
    const rate = rejectionRate(150, (seed) => {
      const random = createSeededRandom(seed);
      return domainClassifier(gaussianVectors(random, 60, 16), gaussianVectors(random, 60, 16), {
        seed: seed + 500_000,
      }).drifted;
    });
    expect(rate).toBeLessThanOrEqual(0.09);
  });

  it('detects a mean shift of embeddings (‖δ‖ = 1 in 32-d, 100 per side) with high power', () => {
    const power = rejectionRate(30, (seed) => {
      const random = createSeededRandom(seed);
      const shift = (dimension: number) => (dimension < 4 ? 0.5 : 0);
      return domainClassifier(gaussianVectors(random, 100, 32), gaussianVectors(random, 100, 32, shift), {
        seed: seed + 500_000,
      }).drifted;
    });
    expect(power).toBeGreaterThanOrEqual(0.8);
  });

  it('is deterministic for a seed and subsamples to maxSamplesPerSide', () => {
    const random = createSeededRandom(4);
    const reference = gaussianVectors(random, 120, 8);
    const current = gaussianVectors(random, 90, 8);
    const first = domainClassifier(reference, current, { seed: 3, maxSamplesPerSide: 50 });
    expect(first).toMatchObject({ referenceSize: 50, currentSize: 50 });
    expect(first.foldAucs).toHaveLength(5);
    expect(domainClassifier(reference, current, { seed: 3, maxSamplesPerSide: 50 })).toEqual(first);
  });
});
