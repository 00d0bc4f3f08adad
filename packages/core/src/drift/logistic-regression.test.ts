import { describe, expect, it } from 'vitest';
import { createSeededRandom, randomNormal } from '../statistics/seeded-random.js';
import { packEmbeddings } from './embedding-matrix.js';
import { fitLogisticRegression, scoreRow } from './logistic-regression.js';

describe('fitLogisticRegression', () => {
  it('recovers the coefficients of a known logistic model (maximum likelihood is consistent)', () => {
    // y ~ Bernoulli(σ(0.5 + 2 x1 − x2)), x ~ N(0, I): with unit-variance features the standardised
    // coefficients are close to the raw ones.
    const random = createSeededRandom(21);
    const vectors: number[][] = [];
    const labels: number[] = [];
    for (let index = 0; index < 20_000; index++) {
      const x = [randomNormal(random), randomNormal(random)];
      const probability = 1 / (1 + Math.exp(-(0.5 + 2 * x[0]! - x[1]!)));
      vectors.push(x);
      labels.push(random() < probability ? 1 : 0);
    }
    const matrix = packEmbeddings(vectors);
    const rows = vectors.map((_, index) => index);
    const model = fitLogisticRegression(matrix, rows, labels, { l2: 1e-6, iterations: 300 });
    const raw = [...model.weights].map((weight, k) => weight / model.scales[k]!);
    expect(raw[0]).toBeCloseTo(2, 1);
    expect(raw[1]).toBeCloseTo(-1, 1);
    expect(scoreRow(model, { data: Float64Array.from([0, 0]), rows: 1, columns: 2 }, 0)).toBeCloseTo(0.5, 1);
  });

  it('converges on strongly correlated features (the step comes from the largest eigenvalue)', () => {
    // Ten copies of one signal plus small noise: XᵀX/n has an eigenvalue near 10.
    const random = createSeededRandom(2);
    const vectors: number[][] = [];
    const labels: number[] = [];
    for (let index = 0; index < 2000; index++) {
      const label = index % 2;
      const signal = randomNormal(random) + (label ? 1 : -1);
      vectors.push(Array.from({ length: 10 }, () => signal + 0.1 * randomNormal(random)));
      labels.push(label);
    }
    const matrix = packEmbeddings(vectors);
    const rows = vectors.map((_, index) => index);
    const model = fitLogisticRegression(matrix, rows, labels, { l2: 1e-3, iterations: 30 });
    const accuracy =
      rows.filter((row) => (scoreRow(model, matrix, row) > 0 ? 1 : 0) === labels[row]).length / rows.length;
    // The Bayes accuracy is Φ(1) ≈ 0.841.
    expect(accuracy).toBeGreaterThan(0.82);
    expect([...model.weights].every(Number.isFinite)).toBe(true);
  });
});
