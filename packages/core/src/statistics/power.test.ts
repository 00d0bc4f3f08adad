import { describe, expect, it } from 'vitest';
import { itemDifferences } from './paired-comparison.js';
import { estimatePairedVariance } from './paired-variance.js';
import {
  planPairedDifference,
  powerPairedDifference,
  powerPassRateClaim,
  powerTwoProportions,
  sampleSizePairedDifference,
  sampleSizePassRateClaim,
  sampleSizeTwoProportions,
} from './power.js';
import { createSeededRandom, randomBinomial } from './seeded-random.js';
import { signFlipTest } from './sign-flip-test.js';
import { simulateContinuousRun, simulatePassFailRun } from './test-support/simulated-runs.js';
import { wilsonLowerBound } from './wilson-interval.js';

describe('two proportions', () => {
  it("reproduces the examples in R's power.prop.test documentation", () => {
    // power.prop.test(n = 50, p1 = .50, p2 = .75) => power = 0.740
    expect(powerTwoProportions(50, { first: 0.5, second: 0.75 })).toBeCloseTo(0.7401659, 6);
    // power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7
    const size = sampleSizeTwoProportions({ first: 0.5, second: 0.75, power: 0.9 });
    expect(size.unrounded).toBeCloseTo(76.7069, 3);
    expect(size.perGroup).toBe(77);
    // power.prop.test(n = 50, p1 = .5, power = .90) => p2 = 0.8026, so the power at p2 = 0.8026 is 0.90.
    expect(powerTwoProportions(50, { first: 0.5, second: 0.8026306 })).toBeCloseTo(0.9, 6);
  });
});

describe('paired mean difference', () => {
  it('matches the normal-approximation formula n = (z_α/2 + z_β)² σ² / Δ² (Δ/σ = 0.5: 31.4, so 32)', () => {
    const size = sampleSizePairedDifference({ effect: 0.5, standardDeviation: 1, sides: 2, power: 0.8 });
    expect(size.items).toBe(32);
    expect(powerPairedDifference(31, { effect: 0.5, standardDeviation: 1, sides: 2 })).toBeLessThan(0.8);
  });

  it('applies the design effect 1 + (m - 1)ρ (Kish 1965): repeats are worthless at ρ = 1, fully useful at ρ = 0', () => {
    const design = { effect: 0.05, standardDeviation: 0.3, power: 0.8, maxRepeats: 4 };
    const correlated = planPairedDifference({ ...design, intraItemCorrelation: 1 });
    expect(new Set(correlated.map((row) => row.items)).size).toBe(1);
    const independent = planPairedDifference({ ...design, intraItemCorrelation: 0 });
    for (const row of independent)
      expect(Math.abs(row.totalRuns - (independent[0]?.items ?? 0))).toBeLessThan(row.repeats);
    expect(planPairedDifference({ ...design, intraItemCorrelation: 0.5 })[2]?.designEffect).toBe(2);
  });

  it('a sign-flip gate at the planned size reaches the planned power (continuous scores, 600 runs)', () => {
    // σ = 0.3, ρ = 0.5, 3 repeats, effect 0.1, one-sided alpha 0.05, power 0.8.
    const plan = sampleSizePairedDifference({
      effect: 0.1,
      standardDeviation: 0.3,
      intraItemCorrelation: 0.5,
      repeats: 3,
      power: 0.8,
    });
    expect(plan.items).toBe(38);
    const random = createSeededRandom(41);
    let detected = 0;
    for (let run = 0; run < 600; run++) {
      const items = simulateContinuousRun(random, {
        items: plan.items,
        repeats: 3,
        shift: 0.1,
        between: 0.045,
        noise: 0.15,
      });
      if (signFlipTest(itemDifferences(items), { permutations: 499, seed: run }).pValue.greater <= 0.05)
        detected++;
    }
    expect(Math.abs(detected / 600 - plan.power)).toBeLessThan(0.05);
  });

  it('plans from a pilot run and catches a 0.1 regression in pass rate with the planned power (pass/fail, 600 runs)', () => {
    const random = createSeededRandom(42);
    const pilot = estimatePairedVariance(simulatePassFailRun(random, 400, 3, 0));
    const plan = sampleSizePairedDifference({ effect: 0.1, repeats: 3, power: 0.8, ...pilot });
    let detected = 0;
    for (let run = 0; run < 600; run++) {
      const differences = itemDifferences(simulatePassFailRun(random, plan.items, 3, -0.1));
      if (signFlipTest(differences, { permutations: 499, seed: run }).pValue.less <= 0.05) detected++;
    }
    expect(Math.abs(detected / 600 - plan.power)).toBeLessThan(0.05);
  });
});

describe('pass-rate claim by the Wilson lower bound', () => {
  it('exact power agrees with a seeded simulation of the gate (4,000 runs)', () => {
    const claim = { threshold: 0.9, trueRate: 0.95 };
    const predicted = powerPassRateClaim(150, claim);
    const random = createSeededRandom(43);
    let passed = 0;
    for (let run = 0; run < 4000; run++) {
      if (wilsonLowerBound(randomBinomial(random, 150, 0.95), 150) >= 0.9) passed++;
    }
    expect(Math.abs(passed / 4000 - predicted)).toBeLessThan(0.025);
  });

  it('sample size is the smallest n whose exact power reaches the target', () => {
    const claim = { threshold: 0.9, trueRate: 0.95, power: 0.8 };
    const size = sampleSizePassRateClaim(claim);
    expect(size.power).toBeGreaterThanOrEqual(0.8);
    for (let items = Math.floor(size.approximateItems / 2); items < size.items; items++) {
      expect(powerPassRateClaim(items, claim)).toBeLessThan(0.8);
    }
    expect(size.items / size.approximateItems).toBeGreaterThan(0.8);
    expect(size.items / size.approximateItems).toBeLessThan(1.25);
    expect(() => sampleSizePassRateClaim({ threshold: 0.9, trueRate: 0.9 })).toThrow(/must exceed threshold/);
  });

  it('false-pass rate at a true rate equal to the threshold: 0.044 on average over n = 50..500, never above 0.07', () => {
    // The Wilson bound is approximate: its exact one-sided error oscillates with n (Brown, Cai & DasGupta 2001).
    let total = 0;
    let worst = 0;
    for (let items = 50; items <= 500; items++) {
      const size = powerPassRateClaim(items, { threshold: 0.9, trueRate: 0.9 });
      total += size;
      worst = Math.max(worst, size);
    }
    expect(total / 451).toBeLessThan(0.05);
    expect(worst).toBeLessThan(0.07);
  });
});
