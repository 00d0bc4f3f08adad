import type { Score } from '../scores/score.js';
import { mean } from '../statistics/descriptive-statistics.js';
import { countPairedOutcomes, mcnemarExactTest } from '../statistics/mcnemar.js';
import { comparePaired } from '../statistics/paired-comparison.js';
import type { ExperimentRun } from './experiment.js';
import { groupScoredItems, type ScoredItem, type ScoredRun, scoreNames } from './experiment-scores.js';

/** Candidate minus baseline on one score, over the items both experiments scored. */
export interface MetricComparison {
  name: string;
  items: number;
  meanBaseline: number;
  meanCandidate: number;
  meanDifference: number;
  /** Paired percentile bootstrap interval of the mean item difference (items resampled). */
  interval: { lower: number; upper: number; level: number };
  /** Sign-flip permutation test of the item differences; `less` is the one-sided test for a regression. */
  pValue: { twoSided: number; greater: number; less: number };
  /**
   * Exact McNemar on pass/fail, when both sides carry `passed`. With repeats an item passes when more
   * than half of its repeats pass.
   */
  mcnemar: {
    baselineOnly: number;
    candidateOnly: number;
    bothPassed: number;
    bothFailed: number;
    pValue: { twoSided: number; greater: number; less: number };
  } | null;
}

/** One item side by side: each side's runs, item means, and the candidate-minus-baseline delta per score. */
export interface ItemComparison {
  itemId: string;
  baseline: { runs: ScoredRun[]; means: Record<string, number> };
  candidate: { runs: ScoredRun[]; means: Record<string, number> };
  deltas: Record<string, number>;
}

export interface ExperimentComparison {
  /** Items both experiments ran. */
  items: number;
  onlyBaseline: number;
  onlyCandidate: number;
  metrics: MetricComparison[];
  itemComparisons: ItemComparison[];
}

/**
 * Baseline vs candidate on the same items: per score the paired difference with a bootstrap interval,
 * sign-flip p-values and (for pass/fail scores) exact McNemar; per item the score deltas.
 * @example compareExperiments(base, candidate).metrics.find((metric) => metric.name === 'contains')?.pValue.less;
 */
export function compareExperiments(
  baseline: { runs: readonly ExperimentRun[]; scores: readonly Score[] },
  candidate: { runs: readonly ExperimentRun[]; scores: readonly Score[] },
  options: { seed?: number; resamples?: number; permutations?: number } = {},
): ExperimentComparison {
  const base = new Map(groupScoredItems(baseline.runs, baseline.scores).map((item) => [item.itemId, item]));
  const cand = new Map(groupScoredItems(candidate.runs, candidate.scores).map((item) => [item.itemId, item]));
  const shared = [...base.keys()].filter((itemId) => cand.has(itemId));
  const pairs = shared.map((itemId) => [base.get(itemId)!, cand.get(itemId)!] as const);
  const names = scoreNames([...pairs.map((pair) => pair[0]), ...pairs.map((pair) => pair[1])]);
  const metrics = names.flatMap((name) => {
    const scored = pairs.filter(([b, c]) => b.values.has(name) && c.values.has(name));
    if (scored.length === 0) return [];
    const paired = comparePaired(
      scored.map(([b, c]) => ({ baseline: b.values.get(name)!, candidate: c.values.get(name)! })),
      options,
    );
    return [
      {
        name,
        items: paired.items,
        meanBaseline: paired.meanBaseline,
        meanCandidate: paired.meanCandidate,
        meanDifference: paired.meanDifference,
        interval: paired.interval,
        pValue: paired.pValue,
        mcnemar: pairedPassFail(scored, name),
      },
    ];
  });
  return {
    items: shared.length,
    onlyBaseline: base.size - shared.length,
    onlyCandidate: cand.size - shared.length,
    metrics,
    itemComparisons: pairs.map(([b, c]) => {
      const baselineMeans = itemMeans(b);
      const candidateMeans = itemMeans(c);
      const deltas: Record<string, number> = {};
      for (const name of Object.keys(candidateMeans)) {
        const before = baselineMeans[name];
        if (before !== undefined) deltas[name] = candidateMeans[name]! - before;
      }
      return {
        itemId: b.itemId,
        baseline: { runs: b.runs, means: baselineMeans },
        candidate: { runs: c.runs, means: candidateMeans },
        deltas,
      };
    }),
  };
}

function itemMeans(item: ScoredItem): Record<string, number> {
  return Object.fromEntries([...item.values].map(([name, values]) => [name, mean(values)]));
}

function pairedPassFail(
  pairs: readonly (readonly [ScoredItem, ScoredItem])[],
  name: string,
): MetricComparison['mcnemar'] {
  const outcomes = pairs.flatMap(([b, c]) => {
    const before = b.passes.get(name);
    const after = c.passes.get(name);
    if (!before?.length || !after?.length) return [];
    return [{ baseline: mean(before) > 0.5, candidate: mean(after) > 0.5 }];
  });
  if (outcomes.length === 0) return null;
  const counts = countPairedOutcomes(outcomes);
  return { ...counts, pValue: mcnemarExactTest(counts).pValue };
}
