import type { Score } from '../scores/score.js';
import { bootstrapMeanInterval } from '../statistics/bootstrap.js';
import { mean, quantileOfSorted } from '../statistics/descriptive-statistics.js';
import { findFlakyItems } from '../statistics/pass-at-k.js';
import { wilsonInterval } from '../statistics/wilson-interval.js';
import type { ExperimentRun } from './experiment.js';
import { groupScoredItems, type ScoredRun, scoreNames } from './experiment-scores.js';

/** An estimate with its two-sided 95% interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** One score name across the experiment. Repeats are clustered by item: items are the units. */
export interface MetricSummary {
  name: string;
  /** Scores counted (runs that produced this score). */
  count: number;
  /** Items with at least one such score: the units of the intervals. */
  items: number;
  /** Mean of item means, with a seeded bootstrap interval that resamples whole items. */
  mean: Interval;
  /**
   * Pass rate when the scores carry `passed`: the mean of item pass fractions, with a Wilson interval on
   * (sum of item pass fractions) successes out of (items) trials. Null when no score has `passed`.
   */
  passRate: (Interval & { passed: number; total: number }) | null;
  /** Items whose repeats disagree on this score (pass/fail differs, or values spread beyond the tolerance). */
  flakyItems: number;
}

/** One item: its runs with scores, the per-score item means, and whether its repeats disagree. */
export interface ItemSummary {
  itemId: string;
  runs: ScoredRun[];
  means: Record<string, number>;
  /** Score names on which the item's repeats disagree; empty when the item is stable or has one repeat. */
  flakyOn: string[];
}

export interface ExperimentSummary {
  runs: number;
  errors: number;
  items: number;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  /** Summed over runs that reported a cost; null when none did. */
  cost: number | null;
  metrics: MetricSummary[];
  itemSummaries: ItemSummary[];
}

export interface SummaryOptions {
  /** Seed of the bootstrap; default 1, so the same data always shows the same interval. */
  seed?: number;
  /** Bootstrap resamples; default 2,000. */
  resamples?: number;
  /** Spread (max - min) of a score's repeat values above which an item is flaky, for scores without `passed`. Default 0.2. */
  valueTolerance?: number;
}

/**
 * Aggregates an experiment's runs and scores: per score a mean (bootstrap, items resampled) and a pass
 * rate (Wilson on item pass fractions), flaky items, latency and cost. Pure; the caller loads the data.
 * @example summarizeExperiment(runs, scores).metrics[0].passRate; // { estimate: 0.8, lower: 0.49, upper: 0.94, ... }
 */
export function summarizeExperiment(
  runs: readonly ExperimentRun[],
  scores: readonly Score[],
  options: SummaryOptions = {},
): ExperimentSummary {
  const { seed = 1, resamples = 2000, valueTolerance = 0.2 } = options;
  const items = groupScoredItems(runs, scores);
  const flakyOn = new Map<string, string[]>(items.map((item) => [item.itemId, []]));
  const metrics = scoreNames(items).map((name): MetricSummary => {
    const values: number[] = [];
    const itemIds: string[] = [];
    const passFractions: number[] = [];
    for (const item of items) {
      for (const value of item.values.get(name) ?? []) {
        values.push(value);
        itemIds.push(item.itemId);
      }
      const passes = item.passes.get(name);
      if (passes && passes.length > 0) {
        passFractions.push(mean(passes));
      }
    }
    // Pass/fail scores are flaky on any disagreement; plain values when their spread exceeds the tolerance.
    const flaky = [
      ...findFlakyItems(
        items.flatMap((item) => {
          const passes = item.passes.get(name);
          return passes && passes.length > 0 ? [{ itemId: item.itemId, scores: passes }] : [];
        }),
      ),
      ...findFlakyItems(
        items.flatMap((item) =>
          item.passes.has(name) ? [] : [{ itemId: item.itemId, scores: item.values.get(name) ?? [] }],
        ),
        { tolerance: valueTolerance },
      ),
    ];
    for (const entry of flaky) flakyOn.get(entry.itemId)?.push(name);
    const interval = bootstrapMeanInterval(values, { seed, resamples, itemIds });
    let passRate: MetricSummary['passRate'] = null;
    if (passFractions.length > 0) {
      const successes = passFractions.reduce((sum, fraction) => sum + fraction, 0);
      const wilson = wilsonInterval(successes, passFractions.length);
      passRate = {
        estimate: wilson.estimate,
        lower: wilson.lower,
        upper: wilson.upper,
        passed: Math.round(successes * 1000) / 1000,
        total: passFractions.length,
      };
    }
    return {
      name,
      count: values.length,
      items: new Set(itemIds).size,
      mean: { estimate: interval.estimate, lower: interval.lower, upper: interval.upper },
      passRate,
      flakyItems: flaky.length,
    };
  });
  return {
    runs: runs.length,
    errors: runs.filter((run) => run.error !== undefined).length,
    items: items.length,
    latencyMs: latencySummary(runs),
    cost: costTotal(runs),
    metrics,
    itemSummaries: items.map((item) => ({
      itemId: item.itemId,
      runs: item.runs,
      means: Object.fromEntries([...item.values].map(([name, values]) => [name, mean(values)])),
      flakyOn: flakyOn.get(item.itemId) ?? [],
    })),
  };
}

function latencySummary(runs: readonly ExperimentRun[]) {
  if (runs.length === 0) return null;
  const sorted = runs.map((run) => run.latencyMs).sort((a, b) => a - b);
  return { mean: mean(sorted), p50: quantileOfSorted(sorted, 0.5), p95: quantileOfSorted(sorted, 0.95) };
}

function costTotal(runs: readonly ExperimentRun[]): number | null {
  const costs = runs.flatMap((run) => (run.cost === undefined ? [] : [run.cost]));
  return costs.length === 0 ? null : costs.reduce((sum, cost) => sum + cost, 0);
}
