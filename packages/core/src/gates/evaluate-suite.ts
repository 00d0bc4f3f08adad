import { findFlakyItems, meanPassAtK, meanPassHatK } from '../statistics/index.js';
import { type EvaluateGateOptions, evaluateGate } from './evaluate-gate.js';
import type { Gate, Quarantine } from './gate-config.js';
import type { GateVerdict } from './gate-verdict.js';
import { runPassed, runValue, type SuiteResults, scoreNames } from './suite-results.js';

/** Per score: mean, pass rate over runs, and pass@k / pass^k over each item's k = repeats runs. */
export interface ScoreSummary {
  name: string;
  mean: number;
  passRate: number;
  /** Chance that at least one of k runs passes, averaged over items. */
  passAtK: number;
  /** Chance that all k runs pass, averaged over items: what a user who retries nothing sees. */
  passHatK: number;
  k: number;
}

/** A suite's outcome: `failed` when any gate failed, `error` when a gate could not be checked. */
export interface SuiteVerdict {
  suite: string;
  status: 'passed' | 'failed' | 'error';
  verdicts: GateVerdict[];
  scores: ScoreSummary[];
  /** Items whose repeats disagree, per score. */
  flaky: Array<{ score: string; itemId: string; repeats: number; mean: number }>;
  /** Quarantined items present in the results, left out of every gate. */
  quarantined: Quarantine[];
  items: number;
  runs: number;
  erroredRuns: number;
}

/** Results without the quarantined items. */
export function withoutQuarantined(results: SuiteResults, quarantine: readonly Quarantine[]): SuiteResults {
  const excluded = new Set(quarantine.map((entry) => entry.itemId));
  return { ...results, items: results.items.filter((item) => !excluded.has(item.itemId)) };
}

/**
 * Every gate of a suite over its results (quarantined items removed from both sides), with the summaries a
 * report shows beside the verdicts.
 * @example evaluateSuite({ gates, quarantine: [] }, candidate, baseline).status === 'passed';
 */
export function evaluateSuite(
  suite: { gates: readonly Gate[]; quarantine: readonly Quarantine[]; threshold?: number },
  candidate: SuiteResults,
  baseline?: SuiteResults,
  options: EvaluateGateOptions = {},
): SuiteVerdict {
  const included = withoutQuarantined(candidate, suite.quarantine);
  const baselineIncluded = baseline ? withoutQuarantined(baseline, suite.quarantine) : undefined;
  const verdicts = suite.gates.map((gate) => evaluateGate(gate, included, baselineIncluded, options));
  const present = new Set(candidate.items.map((item) => item.itemId));
  const status = verdicts.some((entry) => entry.status === 'error')
    ? 'error'
    : verdicts.some((entry) => entry.status === 'failed')
      ? 'failed'
      : 'passed';
  const runs = included.items.flatMap((item) => item.runs);
  return {
    suite: candidate.suite,
    status,
    verdicts,
    scores: summarizeScores(included, suite.threshold ?? 0.5),
    flaky: scoreNames(included).flatMap((score) =>
      findFlakyItems(
        included.items.map((item) => ({
          itemId: item.itemId,
          scores: item.runs.map((run) => runValue(run, score)),
        })),
      ).map((entry) => ({ score, itemId: entry.itemId, repeats: entry.repeats, mean: entry.mean })),
    ),
    quarantined: suite.quarantine.filter((entry) => present.has(entry.itemId)),
    items: included.items.length,
    runs: runs.length,
    erroredRuns: runs.filter((run) => run.error !== undefined).length,
  };
}

function summarizeScores(results: SuiteResults, threshold: number): ScoreSummary[] {
  const items = results.items.filter((item) => item.runs.length > 0);
  if (items.length === 0) return [];
  const k = Math.min(...items.map((item) => item.runs.length));
  return scoreNames(results).map((name) => {
    const runs = items.flatMap((item) => item.runs);
    const outcomes = items.map((item) => ({
      itemId: item.itemId,
      trials: item.runs.length,
      successes: item.runs.filter((run) => runPassed(run, name, threshold)).length,
    }));
    return {
      name,
      mean: runs.reduce((total, run) => total + runValue(run, name), 0) / runs.length,
      passRate: outcomes.reduce((total, item) => total + item.successes, 0) / runs.length,
      passAtK: meanPassAtK(outcomes, k),
      passHatK: meanPassHatK(outcomes, k),
      k,
    };
  });
}
