import { describe, expect, it } from 'vitest';
import { countJudgeValidation, roganGladen } from './rogan-gladen.js';
import { createSeededRandom, randomBinomial } from './seeded-random.js';

interface Scenario {
  prevalence: number;
  sensitivity: number;
  specificity: number;
  judged: number;
  humanPositives: number;
  humanNegatives: number;
}

function coverage(scenario: Scenario, runs: number, seed: number) {
  const { prevalence, sensitivity, specificity, judged, humanPositives, humanNegatives } = scenario;
  const apparent = prevalence * sensitivity + (1 - prevalence) * (1 - specificity);
  const random = createSeededRandom(seed);
  let covered = 0;
  let failed = 0;
  for (let run = 0; run < runs; run++) {
    const result = roganGladen({
      judgedPositive: randomBinomial(random, judged, apparent),
      judged,
      validation: {
        truePositives: randomBinomial(random, humanPositives, sensitivity),
        humanPositives,
        trueNegatives: randomBinomial(random, humanNegatives, specificity),
        humanNegatives,
      },
    });
    if (!result.success) failed++;
    else if (result.value.lower <= prevalence && prevalence <= result.value.upper) covered++;
  }
  return { coverage: covered / runs, failed: failed / runs };
}

const scenarios: Scenario[] = [
  {
    prevalence: 0.3,
    sensitivity: 0.85,
    specificity: 0.9,
    judged: 1000,
    humanPositives: 60,
    humanNegatives: 140,
  },
  {
    prevalence: 0.1,
    sensitivity: 0.9,
    specificity: 0.95,
    judged: 2000,
    humanPositives: 30,
    humanNegatives: 170,
  },
  {
    prevalence: 0.8,
    sensitivity: 0.95,
    specificity: 0.8,
    judged: 500,
    humanPositives: 80,
    humanNegatives: 20,
  },
  {
    prevalence: 0.5,
    sensitivity: 0.8,
    specificity: 0.8,
    judged: 300,
    humanPositives: 50,
    humanNegatives: 50,
  },
  {
    prevalence: 0.05,
    sensitivity: 0.9,
    specificity: 0.97,
    judged: 5000,
    humanPositives: 20,
    humanNegatives: 200,
  },
  {
    prevalence: 0.9,
    sensitivity: 0.97,
    specificity: 0.7,
    judged: 1000,
    humanPositives: 150,
    humanNegatives: 30,
  },
];

describe('roganGladen', () => {
  it('reproduces the Rogan & Gladen (1978) estimator on a worked example: AP 0.2, Se 0.9, Sp 0.95 -> 0.1765', () => {
    const result = roganGladen({
      judgedPositive: 200,
      judged: 1000,
      validation: { truePositives: 90, humanPositives: 100, trueNegatives: 190, humanNegatives: 200 },
    });
    if (!result.success) throw new Error(result.error);
    expect(result.value.estimate).toBeCloseTo(0.15 / 0.85, 12);
    expect(result.value.apparent).toBe(0.2);
    expect(result.value.lower).toBeLessThan(result.value.estimate);
    expect(result.value.upper).toBeGreaterThan(result.value.estimate);
  });

  it('clamps to [0, 1] and refuses a judge no better than chance', () => {
    const validation = { truePositives: 80, humanPositives: 100, trueNegatives: 90, humanNegatives: 100 };
    const belowZero = roganGladen({ judgedPositive: 50, judged: 1000, validation });
    expect(belowZero.success && belowZero.value.estimate).toBe(0);
    const chance = roganGladen({
      judgedPositive: 50,
      judged: 100,
      validation: { truePositives: 50, humanPositives: 100, trueNegatives: 50, humanNegatives: 100 },
    });
    expect(chance.success).toBe(false);
    expect(!chance.success && chance.error).toMatch(/no better than chance/);
    expect(
      countJudgeValidation([
        { human: true, judge: true },
        { human: true, judge: false },
        { human: false, judge: false },
      ]),
    ).toEqual({ truePositives: 1, humanPositives: 2, trueNegatives: 1, humanNegatives: 1 });
  });

  it('delta-method SE matches the spread of the estimator on large samples (3,000 runs)', () => {
    const random = createSeededRandom(4);
    const estimates: number[] = [];
    let meanHalfWidth = 0;
    for (let run = 0; run < 3000; run++) {
      const result = roganGladen({
        judgedPositive: randomBinomial(random, 5000, 0.3 * 0.85 + 0.7 * 0.1),
        judged: 5000,
        validation: {
          truePositives: randomBinomial(random, 1000, 0.85),
          humanPositives: 1000,
          trueNegatives: randomBinomial(random, 1000, 0.9),
          humanNegatives: 1000,
        },
      });
      if (!result.success) throw new Error(result.error);
      estimates.push(result.value.estimate);
      meanHalfWidth += (result.value.upper - result.value.lower) / 2 / 3000;
    }
    const mean = estimates.reduce((sum, x) => sum + x, 0) / estimates.length;
    const spread = Math.sqrt(estimates.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (estimates.length - 1));
    expect(meanHalfWidth / 1.959963984540054 / spread).toBeGreaterThan(0.95);
    expect(meanHalfWidth / 1.959963984540054 / spread).toBeLessThan(1.05);
  });

  it('covers the true rate 94-98% across judges and overlap sizes (seeded, 2,000 runs per scenario)', () => {
    // Slightly conservative (0.957-0.974 at 4,000 runs): the plug-in variance grows when the estimated
    // sensitivity + specificity is low, which is also when the estimate strays furthest.
    scenarios.forEach((scenario, index) => {
      const { coverage: rate, failed } = coverage(scenario, 2000, index + 1);
      expect(failed).toBe(0);
      expect(rate).toBeGreaterThanOrEqual(0.94);
      expect(rate).toBeLessThanOrEqual(0.98);
    });
  });

  it("ignoring the judge's own error under-covers: p_obs's interval alone covers far less than 95%", () => {
    const { prevalence, sensitivity, specificity, judged, humanPositives, humanNegatives } = scenarios[0]!;
    const apparent = prevalence * sensitivity + (1 - prevalence) * (1 - specificity);
    const random = createSeededRandom(9);
    let covered = 0;
    for (let run = 0; run < 2000; run++) {
      const observed = randomBinomial(random, judged, apparent) / judged;
      const se = randomBinomial(random, humanPositives, sensitivity) / humanPositives;
      const sp = randomBinomial(random, humanNegatives, specificity) / humanNegatives;
      const halfWidth = (1.959963984540054 * Math.sqrt((observed * (1 - observed)) / judged)) / (se + sp - 1);
      const estimate = (observed + sp - 1) / (se + sp - 1);
      if (Math.abs(estimate - prevalence) <= halfWidth) covered++;
    }
    expect(covered / 2000).toBeLessThan(0.85);
  });
});
