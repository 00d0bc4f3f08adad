import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { kMeans } from './k-means.js';
import { topicMixture } from './test-support/synthetic-data.js';

/** Share of points whose cluster's majority topic is their own topic. */
function purity(assignments: Int32Array, topics: readonly number[], k: number): number {
  let agreeing = 0;
  for (let cluster = 0; cluster < k; cluster++) {
    const members = topics.filter((_, index) => assignments[index] === cluster);
    const counts = new Map<number, number>();
    for (const topic of members) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    agreeing += Math.max(0, ...counts.values());
  }
  return agreeing / topics.length;
}

describe('kMeans', () => {
  it.each(['cosine', 'euclidean'] as const)('recovers five well-separated topics (%s)', (metric) => {
    const { vectors, topics } = topicMixture(createSeededRandom(1), 1000, 16, [0.4, 0.25, 0.15, 0.12, 0.08]);
    const result = kMeans(vectors, { k: 5, metric, seed: 3 });
    expect(purity(result.assignments, topics, 5)).toBeGreaterThan(0.99);
    expect(result.converged).toBe(true);
    if (metric === 'cosine')
      for (const centroid of result.centroids) expect(Math.hypot(...centroid)).toBeCloseTo(1, 10);
  });

  it('puts the single Euclidean centroid at the mean, with inertia = total sum of squares', () => {
    const vectors = [
      [0, 0],
      [2, 0],
      [4, 6],
    ];
    const result = kMeans(vectors, { k: 1, metric: 'euclidean' });
    expect([...result.centroids[0]!]).toEqual([2, 2]);
    expect(result.inertia).toBeCloseTo(4 + 4 + 4 + 0 + 16 + 4 + 0, 10); // (2²+2²) + (0²+2²) + (2²+4²)
  });

  it('is deterministic for a seed and survives more clusters than distinct points', () => {
    const { vectors } = topicMixture(createSeededRandom(2), 300, 8, [1, 1, 1]);
    expect(kMeans(vectors, { k: 4, seed: 5 })).toEqual(kMeans(vectors, { k: 4, seed: 5 }));
    const duplicates = [...Array(10).fill([1, 0]), ...Array(10).fill([0, 1])] as number[][];
    const result = kMeans(duplicates, { k: 3, metric: 'euclidean', seed: 1 });
    expect(result.centroids.every((centroid) => centroid.every(Number.isFinite))).toBe(true);
    expect(new Set(result.assignments).size).toBe(2);
  });

  it('rejects k outside 1..n with the reason', () => {
    expect(() => kMeans([[1, 2]], { k: 2 })).toThrow(/1 <= k <= number of vectors/);
  });
});
