import { regularizedGammaP, regularizedGammaQ } from './special-functions.js';

/** Standard normal cumulative distribution Φ(x), accurate to about 1e-15 including the far tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const halfSquare = (x * x) / 2;
  return x < 0 ? 0.5 * regularizedGammaQ(0.5, halfSquare) : 0.5 + 0.5 * regularizedGammaP(0.5, halfSquare);
}

// Acklam's rational approximation (relative error 1.15e-9), then polished by Halley steps on normalCdf.
const a = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const c = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const lowRegion = 0.02425;

function polynomial(coefficients: number[], x: number): number {
  let result = 0;
  for (const coefficient of coefficients) result = result * x + coefficient;
  return result;
}

function acklam(p: number): number {
  if (p < lowRegion || p > 1 - lowRegion) {
    const q = Math.sqrt(-2 * Math.log(p < lowRegion ? p : 1 - p));
    const value = polynomial(c, q) / (polynomial(d, q) * q + 1);
    return p < lowRegion ? value : -value;
  }
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(a, r) * q) / (polynomial(b, r) * r + 1);
}

/** Standard normal quantile Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return p === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (p >= 1) return p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  let x = acklam(p);
  for (let step = 0; step < 2; step++) {
    const error = normalCdf(x) - p;
    const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
