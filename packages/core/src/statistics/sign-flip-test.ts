import { SextantError } from '../errors.js';
import { createSeededRandom } from './seeded-random.js';
import { requireFinite, requireInteger } from './validation.js';

/** Options for {@link signFlipTest}. */
export interface SignFlipOptions {
  /** Random sign flips when enumeration is too large; default 10,000. */
  permutations?: number;
  /** Seed of the random flips; default 1. */
  seed?: number;
  /** Enumerate all 2^n sign patterns when n is at most this; default 16. */
  exactUpTo?: number;
}

/** P-values of a sign-flip test: `greater` tests for a positive mean difference, `less` for a negative one. */
export interface SignFlipResult {
  meanDifference: number;
  pValue: { twoSided: number; greater: number; less: number };
  /** True when all 2^n sign patterns were enumerated; otherwise a seeded Monte Carlo estimate. */
  exact: boolean;
  permutations: number;
}

interface TailCounts {
  greater: number;
  less: number;
  twoSided: number;
}

function countTail(counts: TailCounts, sum: number, observed: number, tolerance: number): void {
  if (sum >= observed - tolerance) counts.greater++;
  if (sum <= observed + tolerance) counts.less++;
  if (Math.abs(sum) >= Math.abs(observed) - tolerance) counts.twoSided++;
}

// Walks all 2^n sign patterns in Gray-code order, so each step flips one sign in O(1).
function enumerateSigns(differences: readonly number[], observed: number, tolerance: number): TailCounts {
  const counts = { greater: 0, less: 0, twoSided: 0 };
  const signs = new Int8Array(differences.length).fill(1);
  let sum = observed;
  const total = 2 ** differences.length;
  countTail(counts, sum, observed, tolerance);
  for (let step = 1; step < total; step++) {
    const bit = 31 - Math.clz32(step & -step);
    signs[bit] = -(signs[bit] ?? 1);
    sum += 2 * (signs[bit] ?? 1) * (differences[bit] ?? 0);
    countTail(counts, sum, observed, tolerance);
  }
  return counts;
}

function sampleSigns(
  differences: readonly number[],
  observed: number,
  tolerance: number,
  permutations: number,
  seed: number,
): TailCounts {
  const random = createSeededRandom(seed);
  const counts = { greater: 0, less: 0, twoSided: 0 };
  for (let permutation = 0; permutation < permutations; permutation++) {
    let sum = 0;
    let bits = 0;
    for (let index = 0; index < differences.length; index++) {
      if (index % 32 === 0) bits = (random() * 4_294_967_296) >>> 0;
      const difference = differences[index] ?? 0;
      sum += bits & 1 ? difference : -difference;
      bits >>>= 1;
    }
    countTail(counts, sum, observed, tolerance);
  }
  return counts;
}

/**
 * Sign-flip permutation test of "mean paired difference is 0" (exact for n <= 16, seeded Monte Carlo above).
 * @example signFlipTest([0.1, 0.3, -0.05, 0.2]).pValue.greater; // 2/16 = 0.125
 */
export function signFlipTest(differences: readonly number[], options: SignFlipOptions = {}): SignFlipResult {
  const { permutations = 10_000, seed = 1, exactUpTo = 16 } = options;
  requireFinite('differences', differences);
  requireInteger('permutations', permutations, 1);
  if (differences.length === 0)
    throw new SextantError('bad_request', 'a sign-flip test needs at least one difference');
  const observed = differences.reduce((sum, value) => sum + value, 0);
  const scale = differences.reduce((sum, value) => sum + Math.abs(value), 0);
  const tolerance = 1e-9 * (scale + 1);
  const exact = differences.length <= Math.min(exactUpTo, 30);
  const meanDifference = observed / differences.length;
  if (exact) {
    const total = 2 ** differences.length;
    const counts = enumerateSigns(differences, observed, tolerance);
    const pValue = {
      twoSided: counts.twoSided / total,
      greater: counts.greater / total,
      less: counts.less / total,
    };
    return { meanDifference, pValue, exact, permutations: total };
  }
  const counts = sampleSigns(differences, observed, tolerance, permutations, seed);
  // (1 + count) / (1 + B) keeps a Monte Carlo p-value valid (Phipson & Smyth 2010).
  const toP = (count: number) => (1 + count) / (1 + permutations);
  const pValue = { twoSided: toP(counts.twoSided), greater: toP(counts.greater), less: toP(counts.less) };
  return { meanDifference, pValue, exact, permutations };
}
