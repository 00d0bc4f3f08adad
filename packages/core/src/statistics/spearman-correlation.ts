import { normalQuantile } from './normal-distribution.js';
import { requireFinite, requireOpenUnit, requirePaired } from './validation.js';

/** Ranks from 1 to n, ties given the average of the ranks they span (R's rank(ties.method = "average")). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values
    .map((value, index) => ({ value, index }))
    .sort((first, second) => first.value - second.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) ranks[order[position]?.index ?? 0] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const meanX = x.reduce((sum, value) => sum + value, 0) / x.length;
  const meanY = y.reduce((sum, value) => sum + value, 0) / y.length;
  let cross = 0;
  let squaresX = 0;
  let squaresY = 0;
  x.forEach((value, index) => {
    const dx = value - meanX;
    const dy = (y[index] ?? 0) - meanY;
    cross += dx * dy;
    squaresX += dx * dx;
    squaresY += dy * dy;
  });
  return cross / Math.sqrt(squaresX * squaresY);
}

/** Spearman's rank correlation with a Fisher-z interval. */
export interface SpearmanResult {
  rho: number;
  lower: number;
  upper: number;
  level: number;
  n: number;
}

/**
 * Spearman's ρ (Pearson correlation of average ranks, so ties are handled) with a Fisher-z interval using the
 * variance 1.06 / (n - 3) of Fieller, Hartley & Pearson (1957). NaN when either side is constant.
 * @example spearmanCorrelation([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).rho; // 0.8208
 */
export function spearmanCorrelation(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): SpearmanResult {
  requirePaired(x, y, 'a rank correlation');
  requireFinite('x', x);
  requireFinite('y', y);
  requireOpenUnit('level', level);
  const rho = pearson(averageRanks(x), averageRanks(y));
  if (x.length < 4 || Number.isNaN(rho)) return { rho, lower: -1, upper: 1, level, n: x.length };
  const halfWidth = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(1.06 / (x.length - 3));
  const z = Math.atanh(rho);
  return { rho, lower: Math.tanh(z - halfWidth), upper: Math.tanh(z + halfWidth), level, n: x.length };
}
