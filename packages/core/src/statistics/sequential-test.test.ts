import { describe, expect, it } from 'vitest';
import { createSeededRandom, type RandomSource, randomNormal } from './seeded-random.js';
import {
  type ArmSummary,
  addObservation,
  decideCanary,
  differenceConfidenceSequence,
  emptyArm,
  summarizeArm,
} from './sequential-test.js';

interface CanaryDesign {
  candidateShare: number;
  drawBaseline: (random: RandomSource) => number;
  drawCandidate: (random: RandomSource) => number;
  truth: number;
  margin?: number;
}

const bernoulli = (rate: number) => (random: RandomSource) => (random() < rate ? 1 : 0);

function naiveStandardError(baseline: ArmSummary, candidate: ArmSummary): number {
  const variance = (arm: ArmSummary) => (arm.sumOfSquares - arm.sum ** 2 / arm.count) / (arm.count - 1);
  return Math.sqrt(variance(baseline) / baseline.count + variance(candidate) / candidate.count);
}

// Canaries of 2,000 observations with a look after every 10 (200 looks), as a gateway would run them.
function simulateCanaries(runs: number, seed: number, design: CanaryDesign) {
  const random = createSeededRandom(seed);
  const totals = { excludedTruth: 0, naiveRejected: 0, promote: 0, rollback: 0 };
  for (let run = 0; run < runs; run++) {
    const baseline = emptyArm();
    const candidate = emptyArm();
    let excluded = false;
    let naive = false;
    let decision = 'continue';
    for (let observation = 1; observation <= 2000; observation++) {
      const toCandidate = random() < design.candidateShare;
      const arm = toCandidate ? candidate : baseline;
      const value = toCandidate ? design.drawCandidate(random) : design.drawBaseline(random);
      arm.count++;
      arm.sum += value;
      arm.sumOfSquares += value * value;
      if (observation % 10 !== 0 || baseline.count < 30 || candidate.count < 30) continue;
      const sequence = differenceConfidenceSequence(baseline, candidate);
      excluded ||= sequence.lower > design.truth || sequence.upper < design.truth;
      naive ||=
        Math.abs(sequence.estimate - design.truth) >
        1.959963984540054 * naiveStandardError(baseline, candidate);
      if (decision === 'continue')
        decision = decideCanary(baseline, candidate, { margin: design.margin }).decision;
    }
    if (excluded) totals.excludedTruth++;
    if (naive) totals.naiveRejected++;
    if (decision === 'promote') totals.promote++;
    if (decision === 'rollback') totals.rollback++;
  }
  return {
    excludedTruth: totals.excludedTruth / runs,
    naiveRejected: totals.naiveRejected / runs,
    promote: totals.promote / runs,
    rollback: totals.rollback / runs,
  };
}

describe('differenceConfidenceSequence', () => {
  it("puts its boundary where Robbins' normal-mixture likelihood ratio reaches 1/alpha (numerical integration)", () => {
    const baseline = summarizeArm(Array.from({ length: 400 }, (_, index) => (index % 5 === 0 ? 0 : 1)));
    const candidate = summarizeArm(Array.from({ length: 100 }, (_, index) => (index % 4 === 0 ? 0 : 1)));
    const sequence = differenceConfidenceSequence(baseline, candidate, { priorWeight: 0, alpha: 0.05 });
    const variance = (0.8 * 0.2 * 400) / 399 / 400 + (0.75 * 0.25 * 100) / 99 / 100;
    // Mixture over effects θ ~ N(0, τ²) with τ² = a·V, a = c(α)·n / n*, c(α) = 2 ln(1/α) + ln(1 + 2 ln(1/α)).
    const c = 2 * Math.log(20) + Math.log(1 + 2 * Math.log(20));
    const tauSquared = ((c * 500) / 2000) * variance;
    const boundary = sequence.upper - sequence.estimate;
    let ratio = 0;
    const steps = 20_000;
    const width = 12 * Math.sqrt(tauSquared);
    for (let step = 0; step <= steps; step++) {
      const theta = -width + (2 * width * step) / steps;
      const density = Math.exp(-(theta * theta) / (2 * tauSquared)) / Math.sqrt(2 * Math.PI * tauSquared);
      const likelihoodRatio = Math.exp((theta * boundary) / variance - (theta * theta) / (2 * variance));
      ratio += (step === 0 || step === steps ? 0.5 : 1) * density * likelihoodRatio * ((2 * width) / steps);
    }
    expect(ratio).toBeCloseTo(20, 6);
    expect(sequence.estimate).toBeCloseTo(-0.05, 12);
  });

  it('stays valid under 200 looks where a naive z-test is not (Bernoulli 0.8 vs 0.8, even split, 1,000 runs)', () => {
    const rates = simulateCanaries(1000, 1, {
      candidateShare: 0.5,
      drawBaseline: bernoulli(0.8),
      drawCandidate: bernoulli(0.8),
      truth: 0,
    });
    expect(rates.excludedTruth).toBeLessThanOrEqual(0.05);
    expect(rates.naiveRejected).toBeGreaterThan(0.25);
  });

  it('stays valid for a 10% canary with rare failures and for continuous scores (1,000 runs each)', () => {
    const rare = simulateCanaries(1000, 2, {
      candidateShare: 0.1,
      drawBaseline: bernoulli(0.9),
      drawCandidate: bernoulli(0.9),
      truth: 0,
    });
    expect(rare.excludedTruth).toBeLessThanOrEqual(0.05);
    const continuous = simulateCanaries(1000, 3, {
      candidateShare: 0.3,
      drawBaseline: (random) => randomNormal(random, 0.6, 0.2),
      drawCandidate: (random) => randomNormal(random, 0.6, 0.2),
      truth: 0,
    });
    expect(continuous.excludedTruth).toBeLessThanOrEqual(0.05);
    expect(continuous.naiveRejected).toBeGreaterThan(0.25);
  });
});

describe('decideCanary', () => {
  it('waits for the minimum per arm, then explains its decision', () => {
    expect([1, 0, 1].reduce(addObservation, emptyArm())).toEqual({ count: 3, sum: 2, sumOfSquares: 2 });
    const few = decideCanary(summarizeArm([1, 1, 0]), summarizeArm([1]), { margin: 0.02 });
    expect(few.decision).toBe('continue');
    expect(few.reason).toMatch(/collecting: baseline 3, candidate 1 of 30 per arm/);
    const worse = decideCanary(summarizeArm(new Array(500).fill(1)), summarizeArm(new Array(500).fill(0)));
    expect(worse.decision).toBe('rollback');
    expect(worse.reason).toMatch(/candidate is worse/);
  });

  it('promotes a candidate exactly one margin worse at most alpha of the time (10% canary, 1,000 runs)', () => {
    const rates = simulateCanaries(1000, 4, {
      candidateShare: 0.1,
      drawBaseline: bernoulli(0.9),
      drawCandidate: bernoulli(0.85),
      truth: -0.05,
      margin: 0.05,
    });
    expect(rates.promote).toBeLessThanOrEqual(0.05);
  });

  it('rolls back a 10-point regression and promotes an unchanged candidate (even split, 1,000 runs each)', () => {
    const regression = simulateCanaries(1000, 5, {
      candidateShare: 0.5,
      drawBaseline: bernoulli(0.85),
      drawCandidate: bernoulli(0.75),
      truth: -0.1,
      margin: 0.05,
    });
    expect(regression.rollback).toBeGreaterThan(0.95);
    const unchanged = simulateCanaries(1000, 6, {
      candidateShare: 0.5,
      drawBaseline: bernoulli(0.85),
      drawCandidate: bernoulli(0.85),
      truth: 0,
      margin: 0.05,
    });
    expect(unchanged.promote).toBeGreaterThan(0.55);
    expect(unchanged.rollback).toBeLessThanOrEqual(0.05);
  });
});
