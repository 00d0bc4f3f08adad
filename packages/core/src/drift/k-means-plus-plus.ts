import { type RandomSource, randomInteger, sampleIndexes } from '../statistics/seeded-random.js';
import type { EmbeddingMatrix } from './embedding-matrix.js';

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007; as in scikit-learn): each next centre is the best of
 * 2 + ⌊ln k⌋ candidates drawn with probability ∝ D² to the nearest chosen centre, "best" meaning the
 * lowest total D² afterwards (plain k-means++ often merges two of a few well-separated clusters).
 * Seeds come from a seeded sample of at most max(1000, 20k) rows, which keeps seeding cheap.
 */
export function kMeansPlusPlus(allRows: EmbeddingMatrix, k: number, random: RandomSource): Float64Array[] {
  const matrix = seedingRows(allRows, k, random);
  const firstRow = randomInteger(random, 0, matrix.rows);
  const centroids = [rowCopy(matrix, firstRow)];
  let closest = distancesToRow(matrix, firstRow);
  const candidatesPerStep = 2 + Math.floor(Math.log(k));
  while (centroids.length < k) {
    let best: { row: number; closest: Float64Array; total: number } | undefined;
    for (let candidate = 0; candidate < candidatesPerStep; candidate++) {
      const row = drawProportional(closest, random);
      const updated = distancesToRow(matrix, row);
      let total = 0;
      for (let other = 0; other < matrix.rows; other++) {
        if (closest[other]! < updated[other]!) updated[other] = closest[other]!;
        total += updated[other]!;
      }
      if (!best || total < best.total) best = { row, closest: updated, total };
    }
    centroids.push(rowCopy(matrix, best!.row));
    closest = best!.closest;
  }
  return centroids;
}

/** Squared Euclidean distance from every row to row `target`. */
function distancesToRow(matrix: EmbeddingMatrix, target: number): Float64Array {
  const { data, rows, columns } = matrix;
  const distances = new Float64Array(rows);
  const targetOffset = target * columns;
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let sum = 0;
    for (let k = 0; k < columns; k++) {
      const difference = data[offset + k]! - data[targetOffset + k]!;
      sum += difference * difference;
    }
    distances[row] = sum;
  }
  return distances;
}

/** A row drawn with probability proportional to its weight; uniform when every weight is 0. */
function drawProportional(weights: Float64Array, random: RandomSource): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0)) return randomInteger(random, 0, weights.length);
  let target = random() * total;
  for (let row = 0; row < weights.length; row++) {
    target -= weights[row]!;
    if (target < 0) return row;
  }
  return weights.length - 1;
}

/**
 * The rows k-means++ draws its seeds from: all of them up to 1,000 (or 20 per cluster if more), else a
 * seeded sample. Seeding costs (2 + ln k) · k passes over these rows, more than the Lloyd iterations.
 */
function seedingRows(matrix: EmbeddingMatrix, k: number, random: RandomSource): EmbeddingMatrix {
  const size = Math.max(1000, 20 * k);
  if (matrix.rows <= size) return matrix;
  const rows = sampleIndexes(random, matrix.rows, size);
  const data = new Float64Array(rows.length * matrix.columns);
  rows.forEach((row, index) => {
    data.set(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns), index * matrix.columns);
  });
  return { data, rows: rows.length, columns: matrix.columns };
}

function rowCopy(matrix: EmbeddingMatrix, row: number): Float64Array {
  return matrix.data.slice(row * matrix.columns, (row + 1) * matrix.columns);
}
