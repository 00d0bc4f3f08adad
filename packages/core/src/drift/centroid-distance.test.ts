import { describe, expect, it } from 'vitest';
import { centroidDistance } from './centroid-distance.js';

describe('centroidDistance', () => {
  it('is 0 for parallel centroids, 1 for orthogonal, 2 for opposite ones', () => {
    expect(
      centroidDistance(
        [
          [1, 0],
          [3, 0],
        ],
        [[5, 0]],
      ).cosineDistance,
    ).toBeCloseTo(0, 14);
    expect(
      centroidDistance(
        [[1, 0]],
        [
          [0, 1],
          [0, 3],
        ],
      ).cosineDistance,
    ).toBeCloseTo(1, 14);
    expect(centroidDistance([[1, 1]], [[-2, -2]]).cosineDistance).toBeCloseTo(2, 14);
  });

  it('compares the means, not single vectors, and reports the Euclidean gap too', () => {
    // Centroids (1, 1) and (1, 0): cos = 1/√2.
    const result = centroidDistance(
      [
        [2, 0],
        [0, 2],
      ],
      [Float32Array.from([1, 0])],
    );
    expect(result.cosineDistance).toBeCloseTo(1 - Math.SQRT1_2, 7);
    expect(result.euclideanDistance).toBeCloseTo(1, 7);
  });

  it('rejects mixed dimensions', () => {
    expect(() => centroidDistance([[1, 2]], [[1, 2, 3]])).toThrow(/dimensions/);
  });
});
