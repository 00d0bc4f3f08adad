import { SextantError } from '../errors.js';
import { createSeededRandom, type RandomSource, sampleIndexes } from '../statistics/seeded-random.js';
import { type EmbeddingVectors, packEmbeddings, stackMatrices } from './embedding-matrix.js';
import { squaredDistanceMatrix } from './squared-distance-matrix.js';

/** Options for the MMD permutation test. */
export interface MaximumMeanDiscrepancyOptions {
  /** Vectors drawn (without replacement, seeded) from each side before the quadratic-time estimator. Default 1000. */
  maxSamplesPerSide?: number;
  /** Label permutations for the p-value; the smallest reachable p is 1/(permutations + 1). Default 300. */
  permutations?: number;
  /** RBF bandwidth σ in k(x, y) = exp(−‖x − y‖² / (2σ²)). Default: the median heuristic. */
  bandwidth?: number;
  /** Pooled points whose pairwise distances give the median heuristic. Default 500. */
  medianSampleSize?: number;
  seed?: number;
}

/** Result of the MMD permutation test. */
export interface MaximumMeanDiscrepancyResult {
  /** Unbiased estimate of MMD² (can be slightly negative when the distributions match). */
  mmd2: number;
  /** sqrt(max(mmd2, 0)): an effect size in kernel-feature units, in [0, √2]. */
  mmd: number;
  pValue: number;
  bandwidth: number;
  referenceSize: number;
  currentSize: number;
  permutations: number;
}

/**
 * Kernel two-sample test (Gretton et al. 2012) with an RBF kernel: unbiased quadratic-time MMD² on a
 * seeded subsample of each side, p-value by permuting the pooled labels over one precomputed kernel
 * matrix. Subsampling to 1,000 per side bounds the cost (about 0.5-0.9 s for 512-d vectors, whatever
 * the input size). The quadratic estimator is kept over the linear-time one on all points: its null
 * spread shrinks like 1/m rather than 1/√n, so 1,000 points per side out-detect 10,000 with the linear one.
 * @example maximumMeanDiscrepancy(reference, current, { seed: 1 }).pValue // 1/301 under a clear shift
 */
export function maximumMeanDiscrepancy(
  reference: EmbeddingVectors,
  current: EmbeddingVectors,
  options: MaximumMeanDiscrepancyOptions = {},
): MaximumMeanDiscrepancyResult {
  const { maxSamplesPerSide = 1000, permutations = 300, medianSampleSize = 500, seed = 0 } = options;
  if (reference.length < 2 || current.length < 2) {
    throw new SextantError('bad_request', 'MMD needs at least 2 embeddings on each side');
  }
  const random = createSeededRandom(seed);
  const referenceRows = sampleIndexes(random, reference.length, maxSamplesPerSide);
  const currentRows = sampleIndexes(random, current.length, maxSamplesPerSide);
  const pooled = stackMatrices(
    packEmbeddings(reference, referenceRows),
    packEmbeddings(current, currentRows),
  );
  const kernel = squaredDistanceMatrix(pooled);
  const bandwidth = options.bandwidth ?? medianHeuristic(kernel, pooled.rows, medianSampleSize, random);
  toRbfKernel(kernel, pooled.rows, bandwidth);
  const statistic = mmdStatistics(kernel, pooled.rows, referenceRows.length);
  const observed = statistic(Int32Array.from(referenceRows, (_, index) => index));
  let asExtreme = 0;
  for (let permutation = 0; permutation < permutations; permutation++) {
    // A permutation of the pooled labels: a uniformly random set of rows plays the reference side.
    const members = Int32Array.from(sampleIndexes(random, pooled.rows, referenceRows.length));
    if (statistic(members) >= observed) asExtreme++;
  }
  return {
    mmd2: observed,
    mmd: Math.sqrt(Math.max(0, observed)),
    pValue: (asExtreme + 1) / (permutations + 1),
    bandwidth,
    referenceSize: referenceRows.length,
    currentSize: currentRows.length,
    permutations,
  };
}

/** Turns the lower triangle of squared distances into k = exp(−d² / (2σ²)) in place. */
function toRbfKernel(lowerTriangle: Float32Array, rows: number, bandwidth: number): void {
  const scale = bandwidth > 0 ? -1 / (2 * bandwidth * bandwidth) : Number.NEGATIVE_INFINITY;
  for (let row = 1; row < rows; row++) {
    const offset = row * rows;
    for (let column = 0; column < row; column++) {
      lowerTriangle[offset + column] = Math.exp(lowerTriangle[offset + column]! * scale);
    }
  }
}

/**
 * σ = median pairwise distance among up to `sampleSize` pooled points (chosen without looking at the
 * labels, so the permutation test stays exact). Falls back to 1 if every distance is 0.
 */
function medianHeuristic(
  squared: Float32Array,
  rows: number,
  sampleSize: number,
  random: RandomSource,
): number {
  const chosen = sampleIndexes(random, rows, sampleSize);
  const values: number[] = [];
  for (let a = 0; a < chosen.length; a++) {
    for (let b = a + 1; b < chosen.length; b++) values.push(squared[chosen[b]! * rows + chosen[a]!]!);
  }
  values.sort((x, y) => x - y);
  const median = values[Math.floor(values.length / 2)] ?? 0;
  return median > 0 ? Math.sqrt(median) : 1;
}

/**
 * Returns a function computing unbiased MMD² for a given set of "reference" rows (sorted, `size` of
 * them) using the identities: within-X sum A, cross sum C = Σ_{i∈X} rowSum_i − A − |X|, within-Y
 * sum B = total − N − A − 2C (diagonal entries are k(x, x) = 1).
 */
function mmdStatistics(kernel: Float32Array, rows: number, size: number): (members: Int32Array) => number {
  // Row sums of the full symmetric matrix from its lower triangle, diagonal k(x, x) = 1 included.
  const rowSums = new Float64Array(rows).fill(1);
  for (let row = 1; row < rows; row++) {
    for (let column = 0; column < row; column++) {
      const value = kernel[row * rows + column]!;
      rowSums[row]! += value;
      rowSums[column]! += value;
    }
  }
  const total = rowSums.reduce((sum, value) => sum + value, 0);
  const m = size;
  const n = rows - size;
  return (members) => {
    let within = 0;
    let memberRowSums = 0;
    for (let b = 0; b < m; b++) {
      const offset = members[b]! * rows;
      memberRowSums += rowSums[members[b]!]!;
      for (let a = 0; a < b; a++) within += kernel[offset + members[a]!]!;
    }
    const withinX = 2 * within;
    const cross = memberRowSums - withinX - m;
    const withinY = total - rows - withinX - 2 * cross;
    return withinX / (m * (m - 1)) + withinY / (n * (n - 1)) - (2 * cross) / (m * n);
  };
}
