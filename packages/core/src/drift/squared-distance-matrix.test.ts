import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../statistics/seeded-random.js';
import { packEmbeddings, stackMatrices } from './embedding-matrix.js';
import { squaredDistanceMatrix } from './squared-distance-matrix.js';
import { gaussianVectors } from './test-support/synthetic-data.js';

describe('squaredDistanceMatrix', () => {
  it.each([1, 2, 5, 7, 8, 13])(
    'matches the direct sums below the diagonal for %i rows (block edges included)',
    (rows) => {
      const vectors = gaussianVectors(createSeededRandom(rows), rows, 5);
      const distances = squaredDistanceMatrix(packEmbeddings(vectors));
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < rows; j++) {
          const direct = vectors[i]!.reduce((sum, value, k) => sum + (value - vectors[j]![k]!) ** 2, 0);
          expect(distances[i * rows + j]).toBeCloseTo(j < i ? direct : 0, 4);
        }
      }
    },
  );

  it('stacks reference rows above current rows', () => {
    const stacked = stackMatrices(
      packEmbeddings([[1, 2]]),
      packEmbeddings([
        [3, 4],
        [5, 6],
      ]),
    );
    expect(stacked).toEqual({ data: Float64Array.from([1, 2, 3, 4, 5, 6]), rows: 3, columns: 2 });
  });
});
