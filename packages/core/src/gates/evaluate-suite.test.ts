import { describe, expect, it } from 'vitest';
import { wilsonLowerBound } from '../statistics/index.js';
import { canaryArm } from './canary-arm.js';
import { clusteredPassRate } from './clustered-pass-rate.js';
import { evaluateSuite } from './evaluate-suite.js';
import { evalConfigSchema, gateSchema, suiteProblems } from './gate-config.js';
import { planSuite } from './plan-suite.js';
import type { SuiteResults } from './suite-results.js';

function resultsOf(passes: Record<string, number[]>, extra: Partial<SuiteResults> = {}): SuiteResults {
  return {
    suite: 'qa',
    repeats: 3,
    items: Object.entries(passes).map(([itemId, values]) => ({
      itemId,
      runs: values.map((value, repeat) => ({
        repeat,
        latencyMs: 100 * (repeat + 1),
        scores: { correct: { value } },
      })),
    })),
    ...extra,
  };
}

describe('clusteredPassRate', () => {
  it('equals the plain Wilson bound when repeats are independent-looking (one run per item)', () => {
    const items = Array.from({ length: 100 }, (_, index) => [index < 93]);
    const rate = clusteredPassRate(items, 0.95);
    expect(rate.estimate).toBe(0.93);
    expect(rate.lower).toBeCloseTo(wilsonLowerBound(93, 100, 0.95), 2);
  });

  it('counts perfectly correlated repeats as one run per item', () => {
    const items = Array.from({ length: 50 }, (_, index) => [index < 45, index < 45, index < 45, index < 45]);
    const rate = clusteredPassRate(items, 0.95);
    expect(rate.runs).toBe(200);
    expect(rate.effectiveRuns).toBeCloseTo(50, 5);
    expect(rate.lower).toBeCloseTo(wilsonLowerBound(45, 50, 0.95), 6);
  });
});

describe('evaluateSuite', () => {
  const gates = [
    gateSchema.parse({ kind: 'pass-rate', score: 'correct', atLeast: 0.5 }),
    gateSchema.parse({ kind: 'no-lost-items', score: 'correct' }),
    gateSchema.parse({ kind: 'max-latency', p95Ms: 250 }),
  ];

  it('fails no-lost-items naming the item that passed every baseline repeat and now fails every repeat', () => {
    const baseline = resultsOf({ a: [1, 1, 1], b: [1, 1, 1], c: [0, 1, 0] });
    const candidate = resultsOf({ a: [1, 1, 1], b: [0, 0, 0], c: [0, 0, 0] });
    const verdict = evaluateSuite({ gates, quarantine: [] }, candidate, baseline);
    const lost = verdict.verdicts.find((entry) => entry.gate.kind === 'no-lost-items');
    expect(lost?.status).toBe('failed');
    expect(lost?.evidence.failingItems).toEqual(['b']); // c was already flaky in the baseline
    expect(verdict.status).toBe('failed');
  });

  it('leaves quarantined items out of every gate and lists them', () => {
    const baseline = resultsOf({ a: [1, 1, 1], b: [1, 1, 1] });
    const candidate = resultsOf({ a: [1, 1, 1], b: [0, 0, 0] });
    const quarantine = [{ itemId: 'b', reason: 'reference answer is outdated' }];
    const verdict = evaluateSuite({ gates: gates.slice(1, 2), quarantine }, candidate, baseline);
    expect(verdict.status).toBe('passed');
    expect(verdict.quarantined).toEqual(quarantine);
    expect(verdict.items).toBe(1);
  });

  it('reports p95 latency, pass@k, pass^k and flaky items', () => {
    const candidate = resultsOf({ a: [1, 1, 1], b: [1, 0, 1], c: [0, 0, 0] });
    const verdict = evaluateSuite({ gates: gates.slice(2), quarantine: [] }, candidate);
    expect(verdict.verdicts[0]?.evidence.estimate).toBe(300);
    expect(verdict.verdicts[0]?.status).toBe('failed');
    const [score] = verdict.scores;
    expect(score?.passAtK).toBeCloseTo(2 / 3, 6);
    expect(score?.passHatK).toBeCloseTo(1 / 3, 6);
    expect(verdict.flaky.map((entry) => entry.itemId)).toEqual(['b']);
  });

  it('is an error, not a pass, when the baseline shares no items with the candidate', () => {
    const verdict = evaluateSuite(
      { gates: [gateSchema.parse({ kind: 'no-regression', score: 'correct' })], quarantine: [] },
      resultsOf({ a: [1] }),
      resultsOf({ z: [1] }),
    );
    expect(verdict.status).toBe('error');
    expect(verdict.verdicts[0]?.summary).toMatch(/none of the candidate's item ids/);
  });

  it('fails no-regression on a clear drop and reports the p-value and the worst items', () => {
    const ids = Array.from({ length: 30 }, (_, index) => `q${index}`);
    const baseline = resultsOf(Object.fromEntries(ids.map((id) => [id, [0.9, 0.8]])));
    const candidate = resultsOf(
      Object.fromEntries(ids.map((id, index) => [id, index < 20 ? [0.6, 0.7] : [0.9, 0.8]])),
    );
    const [verdict] = evaluateSuite(
      {
        gates: [gateSchema.parse({ kind: 'no-regression', score: 'correct', margin: 0.02 })],
        quarantine: [],
      },
      candidate,
      baseline,
    ).verdicts;
    expect(verdict?.status).toBe('failed');
    expect(verdict?.evidence.pValue).toBeLessThan(0.001);
    expect(verdict?.evidence.failingItems).toHaveLength(20);
  });
});

describe('config', () => {
  it('refuses a replay cache under a statistical gate, naming the gate and the fix', () => {
    const config = evalConfigSchema.parse({
      suites: [
        {
          name: 'qa',
          dataset: { name: 'qa' },
          task: { module: './task.mjs' },
          evaluators: [{ name: 'equals' }],
          cache: 'replay',
          gates: [{ kind: 'pass-rate', score: 'equals', atLeast: 0.9 }],
        },
      ],
    });
    const [suite] = config.suites;
    expect(suite && suiteProblems(suite)).toEqual([
      expect.stringMatching(/cache 'replay'.*pass-rate.*set cache: off/),
    ]);
  });

  it('names an unknown score and a missing baseline', () => {
    const [suite] = evalConfigSchema.parse({
      suites: [
        {
          name: 'qa',
          dataset: { file: 'qa.jsonl' },
          task: { release: 'support-bot', label: 'staging' },
          evaluators: [{ name: 'equals' }],
          gates: [{ kind: 'no-regression', score: 'faithfulness' }],
        },
      ],
    }).suites;
    const problems = suite ? suiteProblems(suite) : [];
    expect(problems.join('\n')).toMatch(/score 'faithfulness'.*evaluators: equals/);
    expect(problems.join('\n')).toMatch(/add baseline/);
  });
});

describe('canaryArm', () => {
  it('is sticky per key and sends about `share` of keys to the candidate', () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `user-${index}`);
    const arms = keys.map((key) => canaryArm('canary-1', key, 0.1));
    expect(keys.every((key, index) => canaryArm('canary-1', key, 0.1) === arms[index])).toBe(true);
    const share = arms.filter((arm) => arm === 'candidate').length / keys.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
  });

  it('splits 100 sequential ids near the share for every canary id (no skew from ids that differ at the end)', () => {
    const users = Array.from({ length: 100 }, (_, index) => `user-${index}`);
    for (let canary = 0; canary < 50; canary++) {
      const candidates = users.filter(
        (user) => canaryArm(`can_${canary.toString(16)}f3a9`, user, 0.5) === 'candidate',
      );
      // Binomial(100, 0.5) lies in [30, 70] with probability 1 - 8e-5 per canary.
      expect(candidates.length, `canary ${canary}`).toBeGreaterThanOrEqual(30);
      expect(candidates.length, `canary ${canary}`).toBeLessThanOrEqual(70);
    }
  });
});

describe('planSuite', () => {
  it('needs fewer items with more repeats when repeat noise dominates', () => {
    const noisy = resultsOf(
      Object.fromEntries(
        Array.from({ length: 40 }, (_, index) => [`q${index}`, index % 2 ? [1, 0, 1] : [0, 1, 1]]),
      ),
    );
    const plan = planSuite(noisy, undefined, { score: 'correct', effect: 0.05 });
    expect(plan.intraItemCorrelation).toBe(0);
    expect(plan.options[0]?.items).toBeGreaterThan(plan.options[2]?.items ?? Number.POSITIVE_INFINITY);
    expect(() => planSuite(noisy, undefined, { score: 'correct', effect: 0.01, margin: 0.02 })).toThrow(
      /must exceed the gate's margin/,
    );
  });
});
