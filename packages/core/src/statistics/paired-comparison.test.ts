import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval } from './bootstrap.js';
import { comparePaired, itemDifferences } from './paired-comparison.js';
import { estimatePairedVariance } from './paired-variance.js';
import { createSeededRandom } from './seeded-random.js';
import { signFlipTest } from './sign-flip-test.js';
import { simulateContinuousRun, simulatePassFailRun } from './test-support/simulated-runs.js';

describe('comparePaired', () => {
  it('averages repeats within an item before differencing, and uses the exact sign-flip test up to 16 items', () => {
    const items = [
      { baseline: [1, 0, 1], candidate: [1, 1, 1] },
      { baseline: [0.5], candidate: [0.25, 0.75] },
      { baseline: [0, 0], candidate: [1, 0] },
    ];
    const differences = itemDifferences(items);
    for (const [index, expected] of [1 / 3, 0, 0.5].entries()) {
      expect(differences[index]).toBeCloseTo(expected, 12);
    }
    const result = comparePaired(items);
    expect(result.exact).toBe(true);
    expect(result.meanDifference).toBeCloseTo(5 / 18, 12);
    expect(result.meanBaseline).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 12);
    // Sign patterns of (1/3, 0, 1/2): sums >= 5/6 are (+,±,+) only: 2 of 8.
    expect(result.pValue.greater).toBe(2 / 8);
    expect(() => comparePaired([{ baseline: [], candidate: [1] }])).toThrow(/item 0 has no baseline scores/);
  });

  it('non-inferiority: a candidate exactly δ worse passes at most alpha of the time (pass/fail, 1,000 runs)', () => {
    const random = createSeededRandom(31);
    const runs = 1000;
    let falsePasses = 0;
    for (let run = 0; run < runs; run++) {
      const differences = itemDifferences(simulatePassFailRun(random, 60, 3, -0.05));
      const shifted = differences.map((difference) => difference + 0.05);
      if (signFlipTest(shifted, { permutations: 299, seed: run }).pValue.greater <= 0.05) falsePasses++;
    }
    expect(falsePasses / runs).toBeLessThanOrEqual(0.065);
    expect(falsePasses / runs).toBeGreaterThan(0.03);
  });

  it('with no real change the regression test fails the gate at about alpha (pass/fail, 1,000 runs)', () => {
    const random = createSeededRandom(32);
    const runs = 1000;
    let falseFailures = 0;
    for (let run = 0; run < runs; run++) {
      const differences = itemDifferences(simulatePassFailRun(random, 50, 3, 0));
      if (signFlipTest(differences, { permutations: 299, seed: run }).pValue.less <= 0.05) falseFailures++;
    }
    expect(falseFailures / runs).toBeLessThanOrEqual(0.065);
    expect(falseFailures / runs).toBeGreaterThan(0.03);
  });

  // The percentile bootstrap of a mean runs slightly narrow in small samples (about 0.94 at 40 items, since it
  // uses the n rather than n - 1 variance), so the check uses 60 items.
  it('paired bootstrap interval covers the true difference ~95% with repeats (1,000 runs, 60 items x 3)', () => {
    const random = createSeededRandom(33);
    let covered = 0;
    for (let run = 0; run < 1000; run++) {
      const items = simulateContinuousRun(random, {
        items: 60,
        repeats: 3,
        shift: 0.05,
        between: 0.02,
        noise: 0.15,
      });
      // The same interval comparePaired reports, without its p-values, to keep the simulation fast.
      const interval = bootstrapMeanInterval(itemDifferences(items), { resamples: 500, seed: run });
      if (interval.lower <= 0.05 && 0.05 <= interval.upper) covered++;
    }
    expect(covered / 1000).toBeGreaterThanOrEqual(0.93);
    expect(covered / 1000).toBeLessThanOrEqual(0.97);
  });

  it('estimatePairedVariance recovers the simulated σ and ρ (2,000 items x 3 repeats)', () => {
    // between = 0.045, one repeat's difference within an item has variance 2 x 0.15² = 0.045: σ = 0.3, ρ = 0.5.
    const items = simulateContinuousRun(createSeededRandom(34), {
      items: 2000,
      repeats: 3,
      shift: 0.1,
      between: 0.045,
      noise: 0.15,
    });
    const estimate = estimatePairedVariance(items);
    expect(estimate.standardDeviation).toBeCloseTo(0.3, 1);
    expect(Math.abs(estimate.intraItemCorrelation - 0.5)).toBeLessThan(0.06);
  });
});
