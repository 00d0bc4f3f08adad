import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { rejectionRate, topicMixture } from './test-support/synthetic-data.js';
import { topicShift, twoProportionTest } from './topic-shift.js';

const referenceWeights = [0.35, 0.25, 0.2, 0.12, 0.08, 0];
// 10% of the traffic moves to a new topic (index 5); the others shrink proportionally.
const currentWeights = [...referenceWeights.slice(0, 5).map((weight) => weight * 0.9), 0.1];

describe('topicShift', () => {
  it('flags a new topic holding 10% of current traffic as appeared, with examples from it', () => {
    const random = createSeededRandom(7);
    const reference = topicMixture(random, 600, 16, referenceWeights);
    const current = topicMixture(random, 600, 16, currentWeights);
    const result = topicShift(reference.vectors, current.vectors, { clusters: 6, seed: 1 });
    const appeared = result.clusters.filter((cluster) => cluster.change === 'appeared');
    expect(appeared).toHaveLength(1);
    const [newTopic] = appeared;
    expect(newTopic!.currentShare).toBeCloseTo(0.1, 1);
    expect(newTopic!.referenceCount).toBe(0);
    expect(newTopic!.currentExamples).toHaveLength(3);
    for (const index of newTopic!.currentExamples) expect(current.topics[index]).toBe(5);
    expect(result.chiSquare.pValue).toBeLessThan(1e-10);
    expect(result.clusters.reduce((sum, cluster) => sum + cluster.referenceShare, 0)).toBeCloseTo(1, 12);
  });

  it('flags grown and shrunk clusters when shares move between existing topics', () => {
    const random = createSeededRandom(9);
    const reference = topicMixture(random, 1500, 16, [0.5, 0.3, 0.2]);
    const current = topicMixture(random, 1500, 16, [0.3, 0.3, 0.4]);
    const result = topicShift(reference.vectors, current.vectors, { clusters: 3, seed: 2 });
    const changes = result.clusters.map((cluster) => cluster.change).sort();
    expect(changes).toEqual(['grown', 'shrunk', 'stable']);
  });

  it('flags no cluster in at least ~95% of no-shift comparisons (Holm across clusters)', () => {
    const rate = rejectionRate(100, (seed) => {
      const random = createSeededRandom(seed);
      const weights = [0.4, 0.3, 0.2, 0.1];
      const reference = topicMixture(random, 300, 8, weights).vectors;
      const current = topicMixture(random, 300, 8, weights).vectors;
      return topicShift(reference, current, { clusters: 4, seed: seed + 500_000 }).clusters.some(
        (cluster) => cluster.change !== 'stable',
      );
    });
    expect(rate).toBeLessThanOrEqual(0.09);
  });

  it('detects the 10% new topic with high power on 300 per side', () => {
    const power = rejectionRate(40, (seed) => {
      const random = createSeededRandom(seed);
      const reference = topicMixture(random, 300, 16, referenceWeights).vectors;
      const current = topicMixture(random, 300, 16, currentWeights).vectors;
      return topicShift(reference, current, { clusters: 6, seed: seed + 500_000 }).clusters.some(
        (cluster) => cluster.change === 'appeared',
      );
    });
    expect(power).toBeGreaterThanOrEqual(0.9);
  });
});

describe('twoProportionTest', () => {
  it('matches the hand-computed pooled z for 30/100 vs 45/100', () => {
    // p = 0.375, SE = sqrt(0.375 · 0.625 · 0.02) = 0.0684653; z = 0.15 / SE = 2.19089.
    const result = twoProportionTest(30, 100, 45, 100);
    expect(result.z).toBeCloseTo(2.19089, 4);
    expect(result.pValue).toBeCloseTo(0.028459, 5);
  });
});
