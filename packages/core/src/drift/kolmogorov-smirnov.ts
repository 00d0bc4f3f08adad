import { SextantError } from '../errors.js';
import { logGamma } from '../statistics/special-functions.js';

/** Two-sample Kolmogorov-Smirnov test result. */
export interface KolmogorovSmirnovResult {
  /** D = sup |F_reference(x) − F_current(x)|, in [0, 1]. */
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
  referenceSize: number;
  currentSize: number;
}

/** Options for the KS test. */
export interface KolmogorovSmirnovOptions {
  /**
   * 'exact' counts lattice paths (valid without ties); 'asymptotic' uses the Kolmogorov distribution
   * with Stephens' small-sample correction; 'auto' (default) is exact when n·m <= 10,000 and no value is tied.
   */
  method?: 'auto' | 'exact' | 'asymptotic';
}

/**
 * Two-sample KS test. Ties are handled by stepping both empirical CDFs past each distinct value before
 * comparing, so D is exact; with ties the asymptotic p-value is conservative. NaN values are ignored.
 * @example kolmogorovSmirnov([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) // D = 1, p = 2/252 (exact)
 */
export function kolmogorovSmirnov(
  reference: readonly number[],
  current: readonly number[],
  { method = 'auto' }: KolmogorovSmirnovOptions = {},
): KolmogorovSmirnovResult {
  const a = sortedFinite(reference, 'reference');
  const b = sortedFinite(current, 'current');
  const { statistic, hasTies } = ksStatistic(a, b);
  const n = a.length;
  const m = b.length;
  const exactFits = logGamma(n + m + 1) - logGamma(n + 1) - logGamma(m + 1) < 690;
  const useExact = method === 'exact' ? exactFits : method === 'auto' && n * m <= 10_000 && !hasTies;
  const pValue = useExact
    ? exactPValue(n, m, statistic)
    : kolmogorovSurvival(effectiveScale(n, m) * statistic);
  return { statistic, pValue, method: useExact ? 'exact' : 'asymptotic', referenceSize: n, currentSize: m };
}

/**
 * Survival function of the Kolmogorov distribution, P(K > λ) = 2 Σ (−1)^(j−1) e^(−2j²λ²)
 * (Numerical Recipes' two-branch evaluation, one more term in each branch; absolute error < 1e-12).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.042) return 1;
  if (lambda < 1.18) {
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    const cdf = (Math.sqrt(2 * Math.PI) / lambda) * (y + y ** 9 + y ** 25 + y ** 49 + y ** 81);
    return 1 - cdf;
  }
  const x = Math.exp(-2 * lambda * lambda);
  return 2 * (x - x ** 4 + x ** 9 - x ** 16 + x ** 25);
}

/** √n_e + 0.12 + 0.11/√n_e with n_e = nm/(n+m): Stephens' correction, accurate from n_e ≈ 4. */
function effectiveScale(n: number, m: number): number {
  const root = Math.sqrt((n * m) / (n + m));
  return root + 0.12 + 0.11 / root;
}

function sortedFinite(values: readonly number[], side: string): Float64Array {
  const kept = Float64Array.from(values.filter((value) => !Number.isNaN(value)));
  if (kept.length === 0) {
    throw new SextantError(
      'bad_request',
      `the ${side} sample has no numeric values; the KS test needs at least one`,
    );
  }
  return kept.sort();
}

function ksStatistic(a: Float64Array, b: Float64Array): { statistic: number; hasTies: boolean } {
  let i = 0;
  let j = 0;
  let statistic = 0;
  let hasTies = false;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i]!, b[j]!);
    const startI = i;
    const startJ = j;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    if (i - startI + (j - startJ) > 1) hasTies = true;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  return { statistic, hasTies };
}

/**
 * P(D >= d) under the null by counting the monotone lattice paths from (0, 0) to (n, m) that keep
 * |i/n − j/m| < d, out of C(n + m, n) (Hodges 1957). Assumes no ties.
 */
function exactPValue(n: number, m: number, statistic: number): number {
  // D·n·m is an integer without ties; compare integers to avoid rounding at the boundary.
  const bound = Math.round(statistic * n * m);
  const inside = (i: number, j: number) => Math.abs(i * m - j * n) < bound;
  const paths = new Float64Array(m + 1);
  const logTotal = logGamma(n + m + 1) - logGamma(n + 1) - logGamma(m + 1);
  // Scale counts by 1/C(n+m, n) as we go: each row multiplies by a constant to stay in range.
  const scale = Math.exp(-logTotal / (n + 1));
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) {
        paths[0] = scale;
        continue;
      }
      const fromLeft = j > 0 ? paths[j - 1]! : 0;
      const fromBelow = i > 0 ? paths[j]! * scale : 0;
      paths[j] = inside(i, j) ? fromLeft + fromBelow : 0;
    }
  }
  return Math.min(1, Math.max(0, 1 - paths[m]!));
}
