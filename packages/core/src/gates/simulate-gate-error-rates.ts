import {
  addObservation,
  createSeededRandom,
  decideCanary,
  emptyArm,
  powerPairedDifference,
  type RandomSource,
  randomNormal,
  wilsonInterval,
} from '../statistics/index.js';
import { evaluateGate } from './evaluate-gate.js';
import type { Gate } from './gate-config.js';
import type { ItemResult, SuiteResults } from './suite-results.js';

/** How often something happened in a simulation, with a 95% Wilson interval. */
export interface SimulatedRate {
  rate: number;
  lower: number;
  upper: number;
  trials: number;
}

function rateOf(count: number, trials: number): SimulatedRate {
  const interval = wilsonInterval(count, trials, 0.95);
  return { rate: count / trials, lower: interval.lower, upper: interval.upper, trials };
}

function results(items: ItemResult[]): SuiteResults {
  return { suite: 'simulation', repeats: items[0]?.runs.length ?? 1, items };
}

function scoredItems(scores: number[][], name: string): ItemResult[] {
  return scores.map((runs, index) => ({
    itemId: `item-${index}`,
    runs: runs.map((value, repeat) => ({ repeat, scores: { [name]: { value } } })),
  }));
}

/**
 * Pass-rate gate with items of varied difficulty (item rate = trueRate ± U(spread)) and correlated repeats.
 * At trueRate = atLeast the gate should pass at most 1 - confidence of the time.
 */
export function simulatePassRateGate(design: {
  trials: number;
  items: number;
  repeats: number;
  trueRate: number;
  atLeast: number;
  confidence?: number;
  spread?: number;
  seed?: number;
}): { passRate: SimulatedRate } {
  const { trials, items, repeats, trueRate, atLeast, confidence = 0.95, spread = 0.08, seed = 1 } = design;
  const random = createSeededRandom(seed);
  const gate: Gate = { kind: 'pass-rate', score: 'ok', atLeast, confidence, threshold: 0.5 };
  let passes = 0;
  for (let trial = 0; trial < trials; trial++) {
    const scores = Array.from({ length: items }, () => {
      const rate = Math.min(1, Math.max(0, trueRate + spread * (2 * random() - 1)));
      return Array.from({ length: repeats }, () => (random() < rate ? 1 : 0));
    });
    if (evaluateGate(gate, results(scoredItems(scores, 'ok')), undefined).status === 'passed') passes++;
  }
  return { passRate: rateOf(passes, trials) };
}

/** A paired design for {@link simulateRegressionGate}: one repeat's difference has variance between + 2·noise². */
export interface RegressionDesign {
  trials: number;
  items: number;
  repeats: number;
  /** True candidate-minus-baseline change of the mean score (negative: a regression). */
  shift: number;
  /** Variance of the change between items. */
  between: number;
  /** SD of one repeat's score around its item's quality. */
  noise: number;
  margin?: number;
  alpha?: number;
  seed?: number;
  permutations?: number;
}

function drawPairedRun(random: RandomSource, design: RegressionDesign) {
  const baseline: number[][] = [];
  const candidate: number[][] = [];
  for (let item = 0; item < design.items; item++) {
    const quality = randomNormal(random, 0.6, 0.2);
    const change = design.shift + randomNormal(random, 0, Math.sqrt(design.between));
    const draw = (center: number) =>
      Array.from({ length: design.repeats }, () => randomNormal(random, center, design.noise));
    baseline.push(draw(quality));
    candidate.push(draw(quality + change));
  }
  return { baseline: results(scoredItems(baseline, 's')), candidate: results(scoredItems(candidate, 's')) };
}

/**
 * No-regression gate on simulated paired runs: the share of trials in which it failed, and the power the
 * normal-approximation planner predicts for the same design (meaningful when shift < -margin).
 */
export function simulateRegressionGate(design: RegressionDesign): {
  failureRate: SimulatedRate;
  plannedPower: number | null;
} {
  const { trials, margin = 0, alpha = 0.05, seed = 1, permutations = 1000 } = design;
  const random = createSeededRandom(seed);
  const gate: Gate = { kind: 'no-regression', score: 's', margin, alpha };
  let failures = 0;
  for (let trial = 0; trial < trials; trial++) {
    const { baseline, candidate } = drawPairedRun(random, design);
    const outcome = evaluateGate(gate, candidate, baseline, { seed: trial + 1, permutations });
    if (outcome.status === 'failed') failures++;
  }
  const variance = design.between + 2 * design.noise ** 2;
  const effect = -design.shift - margin;
  const plannedPower =
    effect > 0
      ? powerPairedDifference(design.items, {
          effect,
          standardDeviation: Math.sqrt(variance),
          intraItemCorrelation: design.between / variance,
          repeats: design.repeats,
          alpha,
        })
      : null;
  return { failureRate: rateOf(failures, trials), plannedPower };
}

/**
 * A canary watched continuously: both arms get pass/fail scores (Bernoulli), the sequential test is asked
 * after every `lookEvery` observations per arm, until it decides or `maxPerArm` is reached.
 */
export function simulateCanary(design: {
  trials: number;
  baselineRate: number;
  candidateRate: number;
  lookEvery: number;
  maxPerArm: number;
  margin?: number;
  alpha?: number;
  seed?: number;
}): {
  promote: SimulatedRate;
  rollback: SimulatedRate;
  undecided: SimulatedRate;
  meanPerArmAtDecision: number;
} {
  const {
    trials,
    baselineRate,
    candidateRate,
    lookEvery,
    maxPerArm,
    margin = 0,
    alpha = 0.05,
    seed = 1,
  } = design;
  const random = createSeededRandom(seed);
  const counts = { promote: 0, rollback: 0, continue: 0 };
  let decidedAt = 0;
  for (let trial = 0; trial < trials; trial++) {
    let baseline = emptyArm();
    let candidate = emptyArm();
    let decision: 'promote' | 'rollback' | 'continue' = 'continue';
    while (decision === 'continue' && baseline.count < maxPerArm) {
      for (let step = 0; step < lookEvery; step++) {
        baseline = addObservation(baseline, random() < baselineRate ? 1 : 0);
        candidate = addObservation(candidate, random() < candidateRate ? 1 : 0);
      }
      decision = decideCanary(baseline, candidate, { alpha, margin, tuneAtTotal: maxPerArm }).decision;
    }
    counts[decision]++;
    if (decision !== 'continue') decidedAt += baseline.count;
  }
  const decided = counts.promote + counts.rollback;
  return {
    promote: rateOf(counts.promote, trials),
    rollback: rateOf(counts.rollback, trials),
    undecided: rateOf(counts.continue, trials),
    meanPerArmAtDecision: decided === 0 ? 0 : decidedAt / decided,
  };
}
