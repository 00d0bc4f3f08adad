import { describe, expect, it } from 'vitest';
import { findFlakyItems, meanPassAtK, meanPassHatK, passAtK, passHatK } from './pass-at-k.js';
import { binomialProbability } from './special-functions.js';

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
  return result;
}

function ratio(numerator: bigint, denominator: bigint): number {
  const scale = 10n ** 30n;
  return Number((numerator * scale) / denominator) / 1e30;
}

// Fraction of the k-subsets of n runs (c of them passing) with at least one / only passing runs.
function enumerateSubsets(n: number, c: number, k: number): { anyPass: number; allPass: number } {
  let subsets = 0;
  let anyPass = 0;
  let allPass = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let size = 0;
    let passing = 0;
    for (let bit = 0; bit < n; bit++) {
      if (mask & (1 << bit)) {
        size++;
        if (bit < c) passing++;
      }
    }
    if (size !== k) continue;
    subsets++;
    if (passing > 0) anyPass++;
    if (passing === k) allPass++;
  }
  return { anyPass: anyPass / subsets, allPass: allPass / subsets };
}

describe('pass@k and pass^k', () => {
  it('equal the subset enumeration they are defined by (n = 10, every c and k)', () => {
    for (let c = 0; c <= 10; c++) {
      for (let k = 1; k <= 10; k++) {
        const exact = enumerateSubsets(10, c, k);
        expect(passAtK(10, c, k)).toBeCloseTo(exact.anyPass, 12);
        expect(passHatK(10, c, k)).toBeCloseTo(exact.allPass, 12);
      }
    }
  });

  it("match Chen et al. (2021)'s closed form 1 - C(n-c, k)/C(n, k) at HumanEval's n = 200 (exact BigInt)", () => {
    for (const [c, k] of [
      [1, 1],
      [13, 10],
      [37, 100],
      [180, 50],
    ] as const) {
      expect(passAtK(200, c, k)).toBeCloseTo(1 - ratio(choose(200 - c, k), choose(200, k)), 12);
      expect(passHatK(200, c, k)).toBeCloseTo(ratio(choose(c, k), choose(200, k)), 12);
    }
    expect(passAtK(200, 37, 1)).toBeCloseTo(37 / 200, 14);
  });

  it('are unbiased: E[pass@k] = 1 - (1 - q)^k and E[pass^k] = q^k when runs pass with probability q', () => {
    for (const q of [0.05, 0.3, 0.9]) {
      for (const k of [1, 3, 5]) {
        let expectedAny = 0;
        let expectedAll = 0;
        for (let c = 0; c <= 12; c++) {
          expectedAny += binomialProbability(c, 12, q) * passAtK(12, c, k);
          expectedAll += binomialProbability(c, 12, q) * passHatK(12, c, k);
        }
        expect(expectedAny).toBeCloseTo(1 - (1 - q) ** k, 12);
        expect(expectedAll).toBeCloseTo(q ** k, 12);
      }
    }
  });

  it('averages over items and refuses k above the repeats run', () => {
    const items = [
      { itemId: 'a', trials: 4, successes: 4 },
      { itemId: 'b', trials: 4, successes: 0 },
      { itemId: 'c', trials: 4, successes: 2 },
    ];
    expect(meanPassAtK(items, 2)).toBeCloseTo((1 + 0 + (1 - 1 / 6)) / 3, 12);
    expect(meanPassHatK(items, 2)).toBeCloseTo((1 + 0 + 1 / 6) / 3, 12);
    expect(() => passAtK(3, 1, 4)).toThrow(/k \(4\) cannot exceed the 3 trials/);
  });
});

describe('findFlakyItems', () => {
  it('lists items whose repeats disagree, most variable first, with their sample variance', () => {
    const flaky = findFlakyItems([
      { itemId: 'stable', scores: [1, 1, 1] },
      { itemId: 'coin', scores: [1, 0, 1, 0] },
      { itemId: 'mostly', scores: [1, 1, 1, 0] },
      { itemId: 'graded', scores: [0.8, 0.82] },
      { itemId: 'single', scores: [0] },
    ]);
    expect(flaky.map((item) => item.itemId)).toEqual(['coin', 'mostly', 'graded']);
    expect(flaky[0]?.variance).toBeCloseTo(1 / 3, 12);
    expect(flaky[1]?.variance).toBeCloseTo(0.25, 12);
    expect(findFlakyItems([{ itemId: 'graded', scores: [0.8, 0.82] }], { tolerance: 0.05 })).toEqual([]);
  });
});
