import type { EmbeddingMatrix } from './embedding-matrix.js';

/** Options for L2-regularised logistic regression. */
export interface LogisticRegressionOptions {
  /** Weight λ of the (λ/2)‖w‖² penalty on the mean log-loss (bias not penalised). Default 1. */
  l2?: number;
  /** Gradient steps (Nesterov-accelerated, step 1/L from a power-iteration bound). Default 30. */
  iterations?: number;
}

/** A linear model on standardised features: score = bias + Σ weight_k · (x_k − mean_k) / scale_k. */
export interface LogisticModel {
  weights: Float64Array;
  bias: number;
  means: Float64Array;
  scales: Float64Array;
}

/**
 * Fits P(label = 1 | x) = σ(score) on the given rows by accelerated full-batch gradient descent.
 * Features are standardised with the training rows' statistics, so the model never sees test rows.
 */
export function fitLogisticRegression(
  matrix: EmbeddingMatrix,
  rows: readonly number[],
  labels: ArrayLike<number>,
  { l2 = 1, iterations = 30 }: LogisticRegressionOptions = {},
): LogisticModel {
  const { means, scales } = featureScaling(matrix, rows);
  const features = standardizedRows(matrix, rows, means, scales);
  const targets = Float64Array.from(rows, (row) => labels[row]!);
  const d = matrix.columns;
  const lipschitz = 0.25 * (largestEigenvalue(features, rows.length, d) + 1) + l2;
  const step = 1 / lipschitz;
  let weights = new Float64Array(d + 1); // last entry is the bias
  let previous = new Float64Array(d + 1);
  const lookahead = new Float64Array(d + 1);
  const gradient = new Float64Array(d + 1);
  for (let iteration = 1; iteration <= iterations; iteration++) {
    const momentum = (iteration - 1) / (iteration + 2);
    for (let k = 0; k <= d; k++) lookahead[k] = weights[k]! + momentum * (weights[k]! - previous[k]!);
    logisticGradient(features, targets, lookahead, l2, gradient);
    [previous, weights] = [weights, previous];
    for (let k = 0; k <= d; k++) weights[k] = lookahead[k]! - step * gradient[k]!;
  }
  return { weights: weights.subarray(0, d), bias: weights[d]!, means, scales };
}

/** The model's score (log-odds) for one row of a matrix. */
export function scoreRow(model: LogisticModel, matrix: EmbeddingMatrix, row: number): number {
  let score = model.bias;
  const offset = row * matrix.columns;
  for (let k = 0; k < matrix.columns; k++) {
    score += (model.weights[k]! * (matrix.data[offset + k]! - model.means[k]!)) / model.scales[k]!;
  }
  return score;
}

/** Mean log-loss gradient plus λw (bias unpenalised), written into `out`. */
function logisticGradient(
  features: Float64Array,
  targets: Float64Array,
  weights: Float64Array,
  l2: number,
  out: Float64Array,
): void {
  const d = weights.length - 1;
  const n = targets.length;
  out.fill(0);
  for (let row = 0; row < n; row++) {
    const offset = row * d;
    let score = weights[d]!;
    for (let k = 0; k < d; k++) score += weights[k]! * features[offset + k]!;
    const residual = (1 / (1 + Math.exp(-score)) - targets[row]!) / n;
    for (let k = 0; k < d; k++) out[k]! += residual * features[offset + k]!;
    out[d]! += residual;
  }
  for (let k = 0; k < d; k++) out[k]! += l2 * weights[k]!;
}

function featureScaling(matrix: EmbeddingMatrix, rows: readonly number[]) {
  const d = matrix.columns;
  const means = new Float64Array(d);
  const scales = new Float64Array(d);
  for (const row of rows) for (let k = 0; k < d; k++) means[k]! += matrix.data[row * d + k]!;
  for (let k = 0; k < d; k++) means[k]! /= rows.length;
  for (const row of rows)
    for (let k = 0; k < d; k++) scales[k]! += (matrix.data[row * d + k]! - means[k]!) ** 2;
  for (let k = 0; k < d; k++) scales[k] = Math.sqrt(scales[k]! / rows.length) || 1;
  return { means, scales };
}

function standardizedRows(
  matrix: EmbeddingMatrix,
  rows: readonly number[],
  means: Float64Array,
  scales: Float64Array,
) {
  const d = matrix.columns;
  const features = new Float64Array(rows.length * d);
  rows.forEach((row, index) => {
    for (let k = 0; k < d; k++)
      features[index * d + k] = (matrix.data[row * d + k]! - means[k]!) / scales[k]!;
  });
  return features;
}

/** Largest eigenvalue of XᵀX / n by 8 power iterations, inflated by 25% to stay an upper bound. */
function largestEigenvalue(features: Float64Array, n: number, d: number): number {
  let vector = new Float64Array(d).fill(1 / Math.sqrt(d));
  let eigenvalue = 1;
  for (let iteration = 0; iteration < 8; iteration++) {
    const next = new Float64Array(d);
    for (let row = 0; row < n; row++) {
      const offset = row * d;
      let projection = 0;
      for (let k = 0; k < d; k++) projection += features[offset + k]! * vector[k]!;
      for (let k = 0; k < d; k++) next[k]! += (projection * features[offset + k]!) / n;
    }
    eigenvalue = Math.hypot(...next);
    if (eigenvalue === 0) return 0;
    vector = next.map((value) => value / eigenvalue);
  }
  return eigenvalue * 1.25;
}
