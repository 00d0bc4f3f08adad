import { describe, expect, it } from 'vitest';
import type { Score } from '../scores/score.js';
import { compareExperiments } from './compare-experiments.js';
import type { ExperimentRun } from './experiment.js';
import { summarizeExperiment } from './summarize-experiment.js';

const traceOf = (experiment: string, itemId: string, repeat: number) =>
  `${experiment}${itemId}${repeat}`.padStart(32, '0');

/** Runs and pass/fail scores from a table of item -> repeat outcomes, plus a numeric score per run. */
function experiment(id: string, table: Record<string, number[]>, latencyMs = 10) {
  const runs: ExperimentRun[] = [];
  const scores: Score[] = [];
  for (const [itemId, outcomes] of Object.entries(table)) {
    outcomes.forEach((outcome, repeat) => {
      const traceId = traceOf(id, itemId, repeat);
      runs.push({
        experimentId: id,
        itemId,
        repeat,
        traceId,
        output: `out-${outcome}`,
        latencyMs,
        createdAt: new Date(0),
      });
      scores.push({
        id: `${traceId}-c`,
        traceId,
        name: 'contains',
        value: outcome,
        passed: outcome === 1,
        source: 'experiment',
        createdAt: new Date(0),
      });
      scores.push({
        id: `${traceId}-f`,
        traceId,
        name: 'f1',
        value: outcome * 0.5 + 0.25,
        source: 'experiment',
        createdAt: new Date(0),
      });
    });
  }
  return { runs, scores };
}

describe('summarizeExperiment', () => {
  const { runs, scores } = experiment('1', { a: [1, 1], b: [1, 0], c: [0, 0], d: [1, 1] });
  const summary = summarizeExperiment(runs, scores);

  it('clusters repeats by item: Wilson on the sum of item pass fractions over items', () => {
    const contains = summary.metrics.find((metric) => metric.name === 'contains')!;
    expect(contains).toMatchObject({ count: 8, items: 4, flakyItems: 1 });
    // Item pass fractions 1, 0.5, 0, 1: 2.5 successes in 4 trials; Wilson by hand (z = 1.95996).
    expect(contains.passRate?.estimate).toBe(0.625);
    expect(contains.passRate?.lower).toBeCloseTo(0.219427, 5);
    expect(contains.passRate?.upper).toBeCloseTo(0.908101, 5);
    expect(contains.passRate).toMatchObject({ passed: 2.5, total: 4 });
  });

  it('gives means a seeded bootstrap interval over items, inside the range of item means', () => {
    const f1 = summary.metrics.find((metric) => metric.name === 'f1')!;
    expect(f1.mean.estimate).toBeCloseTo(0.5625, 10);
    expect(f1.passRate).toBeNull();
    // Item means are 0.75, 0.5, 0.25, 0.75: a resample of whole items cannot leave [0.25, 0.75].
    expect(f1.mean.lower).toBeGreaterThanOrEqual(0.25);
    expect(f1.mean.upper).toBeLessThanOrEqual(0.75);
    expect(f1.mean.lower).toBeLessThan(0.5625);
    expect(summarizeExperiment(runs, scores).metrics[1]?.mean).toEqual(f1.mean);
    // Spread of b's f1 repeats is 0.5 > 0.2: flaky on both scores.
    expect(f1.flakyItems).toBe(1);
  });

  it('flags flaky items and reports latency, errors and per-item means', () => {
    const b = summary.itemSummaries.find((item) => item.itemId === 'b')!;
    expect(b.flakyOn).toEqual(['contains', 'f1']);
    expect(b.means).toEqual({ contains: 0.5, f1: 0.5 });
    expect(b.runs.map((run) => run.scores.contains?.passed)).toEqual([true, false]);
    expect(summary.itemSummaries.find((item) => item.itemId === 'a')?.flakyOn).toEqual([]);
    expect(summary).toMatchObject({ runs: 8, errors: 0, items: 4, cost: null });
    expect(summary.latencyMs).toEqual({ mean: 10, p50: 10, p95: 10 });
  });
});

describe('compareExperiments', () => {
  const baseline = experiment('1', { a: [0], b: [0], c: [0], d: [1], e: [1] });
  const candidate = experiment('2', { a: [1], b: [1], c: [1], d: [1], f: [1] });
  const comparison = compareExperiments(baseline, candidate);
  const contains = comparison.metrics.find((metric) => metric.name === 'contains')!;

  it('pairs the shared items only', () => {
    expect(comparison).toMatchObject({ items: 4, onlyBaseline: 1, onlyCandidate: 1 });
    expect(comparison.itemComparisons.map((item) => [item.itemId, item.deltas.contains])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 0],
    ]);
  });

  it('gives the exact sign-flip p-value and McNemar counts computed by hand', () => {
    // Differences 1, 1, 1, 0: of the 16 sign patterns, 4 reach |mean| >= 0.75, so p = 0.25.
    expect(contains.meanDifference).toBe(0.75);
    expect(contains.pValue.twoSided).toBeCloseTo(0.25, 10);
    expect(contains.pValue.greater).toBeCloseTo(0.125, 10);
    // Three discordant pairs, all for the candidate: two-sided exact p = 2 * 0.5^3 = 0.25.
    expect(contains.mcnemar).toMatchObject({
      baselineOnly: 0,
      candidateOnly: 3,
      bothPassed: 1,
      bothFailed: 0,
    });
    expect(contains.mcnemar?.pValue.twoSided).toBeCloseTo(0.25, 10);
    expect(contains.interval.lower).toBeGreaterThanOrEqual(0);
    expect(contains.interval.upper).toBeLessThanOrEqual(1);
  });

  it('leaves McNemar out for scores without pass/fail', () => {
    expect(comparison.metrics.find((metric) => metric.name === 'f1')?.mcnemar).toBeNull();
  });
});
