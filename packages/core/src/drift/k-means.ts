import { SextantError } from '../errors.js';
import { createSeededRandom } from '../statistics/seeded-random.js';
import {
  type EmbeddingMatrix,
  type EmbeddingVectors,
  normalizeRows,
  packEmbeddings,
} from './embedding-matrix.js';
import { kMeansPlusPlus } from './k-means-plus-plus.js';
import { nearestCentroids } from './nearest-centroids.js';

/** 'cosine': spherical k-means on unit-length vectors (usual for text embeddings); 'euclidean': plain Lloyd. */
export type KMeansMetric = 'cosine' | 'euclidean';

/** Options for k-means. */
export interface KMeansOptions {
  k: number;
  /** Default 'cosine'. */
  metric?: KMeansMetric;
  /** Default 50. */
  maxIterations?: number;
  /** Independent initialisations; the run with the lowest inertia wins. Default 3. */
  restarts?: number;
  seed?: number;
}

/** A k-means clustering. */
export interface KMeansResult {
  /** k centroids (unit length for 'cosine'). */
  centroids: Float64Array[];
  /** Cluster index of each input vector. */
  assignments: Int32Array;
  /** Sum of squared Euclidean distances to the assigned centroid (after normalisation for 'cosine'). */
  inertia: number;
  iterations: number;
  /** True if assignments stopped changing before `maxIterations`. */
  converged: boolean;
}

/**
 * Seeded k-means: greedy k-means++ initialisation, Lloyd iterations, best of `restarts` runs. A cluster
 * left empty is re-seeded with the point farthest from its centroid.
 * @example kMeans(vectors, { k: 8, seed: 1 }).assignments
 */
export function kMeans(vectors: EmbeddingVectors, options: KMeansOptions): KMeansResult {
  return kMeansOnMatrix(packEmbeddings(vectors), options);
}

/** k-means on a packed matrix (normalised in place for 'cosine'). */
export function kMeansOnMatrix(matrix: EmbeddingMatrix, options: KMeansOptions): KMeansResult {
  const { k, metric = 'cosine', restarts = 3, seed = 0 } = options;
  if (!Number.isInteger(k) || k < 1 || k > matrix.rows) {
    throw new SextantError(
      'bad_request',
      `k-means needs 1 <= k <= number of vectors (${matrix.rows}); got k = ${k}`,
    );
  }
  if (metric === 'cosine') normalizeRows(matrix);
  const random = createSeededRandom(seed);
  let best: KMeansResult | undefined;
  for (let restart = 0; restart < Math.max(1, restarts); restart++) {
    const seeds = kMeansPlusPlus(matrix, k, random);
    const result = lloyd(matrix, seeds, metric, options.maxIterations ?? 50);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/**
 * Nearest centroid of every vector, for assigning many more vectors than k-means was fitted on.
 * Works in chunks of 512 packed rows (normalised for 'cosine'), so memory stays small.
 */
export function assignToCentroids(
  vectors: EmbeddingVectors,
  centroids: readonly Float64Array[],
  metric: KMeansMetric,
): { assignments: Int32Array; distances: Float64Array } {
  const assignments = new Int32Array(vectors.length);
  const distances = new Float64Array(vectors.length);
  const chunkSize = 512;
  for (let start = 0; start < vectors.length; start += chunkSize) {
    const rows = Array.from(
      { length: Math.min(chunkSize, vectors.length - start) },
      (_, index) => start + index,
    );
    const chunk = packEmbeddings(vectors, rows);
    if (metric === 'cosine') normalizeRows(chunk);
    const nearest = nearestCentroids(chunk, centroids);
    assignments.set(nearest.assignments, start);
    distances.set(nearest.distances, start);
  }
  return { assignments, distances };
}

/** Lloyd's iterations from the given centroids until assignments stop changing. */
function lloyd(
  matrix: EmbeddingMatrix,
  centroids: Float64Array[],
  metric: KMeansMetric,
  maxIterations: number,
): KMeansResult {
  let assignments: Int32Array = new Int32Array(matrix.rows).fill(-1);
  let distances: Float64Array = new Float64Array(matrix.rows);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const nearest = nearestCentroids(matrix, centroids);
    converged = nearest.assignments.every((cluster, row) => cluster === assignments[row]);
    ({ assignments, distances } = nearest);
    if (converged) break;
    updateCentroids(matrix, assignments, distances, centroids, metric);
  }
  const inertia = distances.reduce((sum, distance) => sum + distance, 0);
  return { centroids, assignments, inertia, iterations, converged };
}

/** Means of the assigned rows; an empty cluster takes the row currently farthest from its centroid. */
function updateCentroids(
  matrix: EmbeddingMatrix,
  assignments: Int32Array,
  distances: Float64Array,
  centroids: Float64Array[],
  metric: KMeansMetric,
): void {
  const counts = new Int32Array(centroids.length);
  for (const centroid of centroids) centroid.fill(0);
  for (let row = 0; row < matrix.rows; row++) {
    const cluster = assignments[row]!;
    counts[cluster]!++;
    const centroid = centroids[cluster]!;
    for (let k = 0; k < matrix.columns; k++) centroid[k]! += matrix.data[row * matrix.columns + k]!;
  }
  let farthestFirst: number[] | undefined;
  centroids.forEach((centroid, cluster) => {
    if (counts[cluster] === 0) {
      farthestFirst ??= Array.from(distances.keys()).sort((a, b) => distances[b]! - distances[a]!);
      const row = farthestFirst.shift() ?? 0;
      centroid.set(matrix.data.subarray(row * matrix.columns, (row + 1) * matrix.columns));
      distances[row] = 0;
      return;
    }
    const norm = Math.hypot(...centroid);
    const scale = metric === 'cosine' ? (norm > 0 ? 1 / norm : 1) : 1 / counts[cluster]!;
    for (let k = 0; k < matrix.columns; k++) centroid[k]! *= scale;
  });
}
