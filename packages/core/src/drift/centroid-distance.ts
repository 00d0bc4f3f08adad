import { SextantError } from '../errors.js';
import type { EmbeddingVectors } from './embedding-matrix.js';

/** Cosine distance between the mean reference and mean current embedding. */
export interface CentroidDistanceResult {
  /** 1 − cos(mean reference, mean current), in [0, 2]; 0 when the centroids point the same way. */
  cosineDistance: number;
  /** Euclidean distance between the centroids, in embedding units. */
  euclideanDistance: number;
}

/**
 * Compares the centroids of two sets of embeddings. A cheap, interpretable effect size with no
 * p-value: it sees a shift of the mean but not a change of spread or of cluster shares around it.
 * @example centroidDistance(referenceVectors, currentVectors).cosineDistance // 0.003
 */
export function centroidDistance(
  reference: EmbeddingVectors,
  current: EmbeddingVectors,
): CentroidDistanceResult {
  const referenceCentroid = meanVector(reference);
  const currentCentroid = meanVector(current);
  if (referenceCentroid.length !== currentCentroid.length) {
    throw new SextantError(
      'bad_request',
      `reference embeddings have ${referenceCentroid.length} dimensions and current ones ${currentCentroid.length}; they must match`,
    );
  }
  let dot = 0;
  let referenceSquares = 0;
  let currentSquares = 0;
  let differenceSquares = 0;
  for (let column = 0; column < referenceCentroid.length; column++) {
    const r = referenceCentroid[column]!;
    const c = currentCentroid[column]!;
    dot += r * c;
    referenceSquares += r * r;
    currentSquares += c * c;
    differenceSquares += (r - c) ** 2;
  }
  const norms = Math.sqrt(referenceSquares * currentSquares);
  return {
    cosineDistance: norms > 0 ? 1 - dot / norms : 0,
    euclideanDistance: Math.sqrt(differenceSquares),
  };
}

/** Mean of the vectors (empty for no vectors); all vectors must have the first one's dimension. */
export function meanVector(vectors: EmbeddingVectors): Float64Array {
  const columns = vectors[0]?.length ?? 0;
  const mean = new Float64Array(columns);
  for (const vector of vectors) {
    if (vector.length !== columns) {
      throw new SextantError(
        'bad_request',
        `embeddings of ${vector.length} and ${columns} dimensions are mixed`,
      );
    }
    for (let column = 0; column < columns; column++) mean[column]! += vector[column]!;
  }
  for (let column = 0; column < columns; column++) mean[column]! /= Math.max(1, vectors.length);
  return mean;
}
