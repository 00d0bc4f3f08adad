import type { EmbeddingMatrix } from './embedding-matrix.js';

/** Nearest centroid of every row and the squared Euclidean distance to it. */
export function nearestCentroids(
  matrix: EmbeddingMatrix,
  centroids: readonly Float64Array[],
): { assignments: Int32Array; distances: Float64Array } {
  const { data, rows, columns } = matrix;
  const assignments = new Int32Array(rows);
  const distances = new Float64Array(rows);
  const flat = new Float64Array(centroids.length * columns);
  centroids.forEach((centroid, cluster) => {
    flat.set(centroid, cluster * columns);
  });
  const centroidNorms = centroids.map((centroid) => centroid.reduce((sum, value) => sum + value * value, 0));
  const dots = new Float64Array(centroids.length);
  for (let row = 0; row < rows; row++) {
    const offset = row * columns;
    let rowNorm = 0;
    for (let k = 0; k < columns; k++) rowNorm += data[offset + k]! * data[offset + k]!;
    rowDots(data, offset, flat, columns, dots);
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let cluster = 0; cluster < centroids.length; cluster++) {
      const distance = rowNorm - 2 * dots[cluster]! + centroidNorms[cluster]!;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = cluster;
      }
    }
    assignments[row] = best;
    distances[row] = Math.max(0, bestDistance);
  }
  return { assignments, distances };
}

/** Dot products of one row with every centroid, two centroids per pass so each row value is loaded once per pair. */
function rowDots(
  data: Float64Array,
  offset: number,
  flat: Float64Array,
  columns: number,
  out: Float64Array,
): void {
  const clusters = out.length;
  let cluster = 0;
  for (; cluster + 1 < clusters; cluster += 2) {
    const first = cluster * columns;
    const second = first + columns;
    let a = 0;
    let b = 0;
    for (let k = 0; k < columns; k++) {
      const value = data[offset + k]!;
      a += value * flat[first + k]!;
      b += value * flat[second + k]!;
    }
    out[cluster] = a;
    out[cluster + 1] = b;
  }
  if (cluster < clusters) {
    let a = 0;
    for (let k = 0; k < columns; k++) a += data[offset + k]! * flat[cluster * columns + k]!;
    out[cluster] = a;
  }
}
