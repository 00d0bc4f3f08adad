import { SextantError } from '../errors.js';
import { type ConfusionMatrix, confusionMatrix, type RatingLabel } from './confusion-matrix.js';
import { normalQuantile } from './normal-distribution.js';
import { requireOpenUnit } from './validation.js';

/** Credit for partial agreement on ordinal scales: none (nominal), linear or quadratic in the category distance. */
export type KappaWeighting = 'none' | 'linear' | 'quadratic';

/** Kappa with its large-sample standard error and a Wald interval clamped to [-1, 1]. */
export interface KappaResult {
  kappa: number;
  standardError: number;
  lower: number;
  upper: number;
  level: number;
  observedAgreement: number;
  expectedAgreement: number;
  items: number;
}

function agreementWeights(categories: number, weighting: KappaWeighting): number[][] {
  return Array.from({ length: categories }, (_, row) =>
    Array.from({ length: categories }, (_, column) => {
      if (categories === 1) return 1;
      const distance = Math.abs(row - column) / (categories - 1);
      if (weighting === 'linear') return 1 - distance;
      if (weighting === 'quadratic') return 1 - distance * distance;
      return row === column ? 1 : 0;
    }),
  );
}

interface KappaTable {
  /** Cell shares p_ij, summing to 1. */
  shares: number[][];
  weights: number[][];
  rowShares: number[];
  columnShares: number[];
  total: number;
}

function toKappaTable(counts: readonly (readonly number[])[], weighting: KappaWeighting): KappaTable {
  const size = counts.length;
  const total = counts.flat().reduce((sum, count) => sum + count, 0);
  if (total === 0 || counts.some((row) => row.length !== size)) {
    throw new SextantError('bad_request', 'kappa needs a square table of counts with at least one item');
  }
  const shares = counts.map((row) => row.map((count) => count / total));
  const rowShares = shares.map((row) => row.reduce((sum, share) => sum + share, 0));
  const columnShares = shares.map((_, column) => shares.reduce((sum, row) => sum + (row[column] ?? 0), 0));
  return { shares, weights: agreementWeights(size, weighting), rowShares, columnShares, total };
}

// Fleiss, Cohen & Everitt (1969): Var = [Σ p_ij (w_ij - (w̄_i. + w̄_.j)(1 - κ))² - (κ - p_e(1 - κ))²] / (n (1 - p_e)²).
function kappaVariance(table: KappaTable, kappa: number, expected: number): number {
  const { shares, weights, rowShares, columnShares, total } = table;
  const weight = (row: number, column: number) => weights[row]?.[column] ?? 0;
  // Mean agreement weight of each row against the second rater's margins, and of each column against the first's.
  const rowMean = rowShares.map((_, row) =>
    columnShares.reduce((sum, share, column) => sum + share * weight(row, column), 0),
  );
  const columnMean = columnShares.map((_, column) =>
    rowShares.reduce((sum, share, row) => sum + share * weight(row, column), 0),
  );
  let spread = 0;
  shares.forEach((row, i) => {
    row.forEach((share, j) => {
      const deviation = weight(i, j) - ((rowMean[i] ?? 0) + (columnMean[j] ?? 0)) * (1 - kappa);
      spread += share * deviation * deviation;
    });
  });
  return (spread - (kappa - expected * (1 - kappa)) ** 2) / (total * (1 - expected) ** 2);
}

/**
 * Cohen's kappa (optionally weighted) from a square table of counts, with the large-sample standard error of
 * Fleiss, Cohen & Everitt (1969). NaN when both raters used a single category (no chance-corrected agreement).
 * @example kappaFromCounts([[20, 5], [10, 15]]).kappa; // 0.4
 */
export function kappaFromCounts(
  counts: readonly (readonly number[])[],
  options: { weighting?: KappaWeighting; level?: number } = {},
): KappaResult {
  const { weighting = 'none', level = 0.95 } = options;
  requireOpenUnit('level', level);
  const table = toKappaTable(counts, weighting);
  let observed = 0;
  let expected = 0;
  table.shares.forEach((row, i) => {
    row.forEach((share, j) => {
      const weight = table.weights[i]?.[j] ?? 0;
      observed += weight * share;
      expected += weight * (table.rowShares[i] ?? 0) * (table.columnShares[j] ?? 0);
    });
  });
  const kappa = (observed - expected) / (1 - expected);
  const standardError = Math.sqrt(Math.max(0, kappaVariance(table, kappa, expected)));
  const z = normalQuantile(1 - (1 - level) / 2);
  return {
    kappa,
    standardError,
    lower: Math.max(-1, kappa - z * standardError),
    upper: Math.min(1, kappa + z * standardError),
    level,
    observedAgreement: observed,
    expectedAgreement: expected,
    items: table.total,
  };
}

/**
 * Cohen's kappa between two raters of the same items; use `weighting` with ordered `categories` for ordinal scales.
 * @example cohensKappa(judgeScores, humanScores, { weighting: 'quadratic', categories: [1, 2, 3, 4, 5] });
 */
export function cohensKappa<T extends RatingLabel>(
  first: readonly T[],
  second: readonly T[],
  options: { weighting?: KappaWeighting; categories?: readonly T[]; level?: number } = {},
): KappaResult & { matrix: ConfusionMatrix<T> } {
  const matrix = confusionMatrix(first, second, options.categories);
  return { ...kappaFromCounts(matrix.counts, options), matrix };
}
