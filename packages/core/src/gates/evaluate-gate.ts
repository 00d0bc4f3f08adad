import { signFlipTest } from '../statistics/index.js';
import { clusteredPassRate } from './clustered-pass-rate.js';
import type { Gate } from './gate-config.js';
import { type GateEvidence, type GateVerdict, gateTitle } from './gate-verdict.js';
import { type ItemResult, runPassed, runValue, type SuiteResults } from './suite-results.js';

/** Options of {@link evaluateGate}; fixed per gate run so a verdict can be reproduced. */
export interface EvaluateGateOptions {
  /** Seed of the sign-flip test's Monte Carlo flips; default 1. */
  seed?: number;
  /** Monte Carlo sign flips beyond 16 items; default 10,000. */
  permutations?: number;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

function verdict(gate: Gate, passed: boolean, summary: string, evidence: GateEvidence): GateVerdict {
  return { gate, title: gateTitle(gate), status: passed ? 'passed' : 'failed', summary, evidence };
}

function errorVerdict(gate: Gate, summary: string): GateVerdict {
  return {
    gate,
    title: gateTitle(gate),
    status: 'error',
    summary,
    evidence: { estimate: Number.NaN, items: 0, runs: 0, failingItems: [] },
  };
}

const runCount = (items: readonly ItemResult[]) => items.reduce((total, item) => total + item.runs.length, 0);

/** Items of both sides with runs, paired by item id (items only one side has are left out). */
function pairItems(candidate: SuiteResults, baseline: SuiteResults) {
  const baselineById = new Map(baseline.items.map((item) => [item.itemId, item]));
  return candidate.items.flatMap((item) => {
    const other = baselineById.get(item.itemId);
    return other && other.runs.length > 0 && item.runs.length > 0
      ? [{ candidate: item, baseline: other }]
      : [];
  });
}

/**
 * Checks one gate against a suite's results (quarantined items already removed) and, for the paired gates,
 * a baseline run on the same items.
 * @example evaluateGate({ kind: 'pass-rate', score: 'correct', atLeast: 0.9, confidence: 0.95, threshold: 0.5 }, results);
 */
export function evaluateGate(
  gate: Gate,
  candidate: SuiteResults,
  baseline: SuiteResults | undefined,
  options: EvaluateGateOptions = {},
): GateVerdict {
  const items = candidate.items.filter((item) => item.runs.length > 0);
  if (items.length === 0) return errorVerdict(gate, 'no runs to check: the suite produced no results');
  switch (gate.kind) {
    case 'pass-rate':
      return passRateVerdict(gate, items);
    case 'no-regression':
    case 'no-lost-items': {
      if (!baseline)
        return errorVerdict(gate, 'no baseline to compare with; configure baseline in the suite');
      const pairs = pairItems(candidate, baseline);
      if (pairs.length === 0) {
        return errorVerdict(
          gate,
          "the baseline has none of the candidate's item ids; was it run on another dataset?",
        );
      }
      return gate.kind === 'no-regression'
        ? regressionVerdict(gate, pairs, options)
        : lostItemsVerdict(gate, pairs);
    }
    case 'max-cost':
      return costVerdict(gate, items);
    case 'max-latency':
      return latencyVerdict(gate, items);
  }
}

function passRateVerdict(gate: Extract<Gate, { kind: 'pass-rate' }>, items: ItemResult[]): GateVerdict {
  const outcomes = items.map((item) => item.runs.map((run) => runPassed(run, gate.score, gate.threshold)));
  const rate = clusteredPassRate(outcomes, gate.confidence);
  const passed = rate.lower >= gate.atLeast;
  const failingItems = items
    .filter((_, index) => outcomes[index]?.some((ok) => !ok))
    .map((item) => item.itemId);
  return verdict(
    gate,
    passed,
    `pass rate ${round(rate.estimate, 3)} (${rate.passes}/${rate.runs} runs of ${rate.items} items); ` +
      `${Math.round(gate.confidence * 100)}% lower bound ${round(rate.lower, 3)} ${passed ? '>=' : '<'} ${gate.atLeast}`,
    {
      estimate: rate.estimate,
      interval: { ...rate.interval, level: gate.confidence },
      bound: rate.lower,
      items: rate.items,
      runs: rate.runs,
      effectiveRuns: rate.effectiveRuns,
      failingItems,
    },
  );
}

type Pair = { candidate: ItemResult; baseline: ItemResult };

const itemMean = (item: ItemResult, score: string) =>
  item.runs.reduce((total, run) => total + runValue(run, score), 0) / item.runs.length;

function regressionVerdict(
  gate: Extract<Gate, { kind: 'no-regression' }>,
  pairs: Pair[],
  options: EvaluateGateOptions,
): GateVerdict {
  const differences = pairs.map(
    (pair) => itemMean(pair.candidate, gate.score) - itemMean(pair.baseline, gate.score),
  );
  // H0: difference >= -margin (no regression beyond the margin); fail only when the data reject it at alpha,
  // so with no real change the gate fails at most alpha of the time.
  const test = signFlipTest(
    differences.map((difference) => difference + gate.margin),
    { seed: options.seed ?? 1, permutations: options.permutations ?? 10_000 },
  );
  const pValue = test.pValue.less;
  const passed = pValue > gate.alpha;
  const meanDifference = differences.reduce((total, value) => total + value, 0) / differences.length;
  const standardError = standardErrorOfMean(differences);
  const worst = pairs
    .map((pair, index) => ({ itemId: pair.candidate.itemId, difference: differences[index] ?? 0 }))
    .filter((entry) => entry.difference < 0)
    .sort((first, second) => first.difference - second.difference)
    .map((entry) => entry.itemId);
  return verdict(
    gate,
    passed,
    `mean ${gate.score} changed by ${round(meanDifference, 4)} over ${pairs.length} paired items; ` +
      `one-sided p = ${round(pValue, 4)} for a drop of more than ${gate.margin} (${passed ? 'not significant' : 'regression'} at alpha ${gate.alpha})`,
    {
      estimate: meanDifference,
      interval: {
        lower: meanDifference - 1.959964 * standardError,
        upper: meanDifference + 1.959964 * standardError,
        level: 0.95,
      },
      pValue,
      items: pairs.length,
      runs: runCount(pairs.map((pair) => pair.candidate)),
      failingItems: worst.slice(0, 50),
    },
  );
}

function standardErrorOfMean(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((total, value) => total + value, 0) / values.length;
  const variance = values.reduce((total, value) => total + (value - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

function lostItemsVerdict(gate: Extract<Gate, { kind: 'no-lost-items' }>, pairs: Pair[]): GateVerdict {
  // "Passed in the baseline" means in every baseline repeat: an item that was already flaky is the paired
  // test's business, and counting it here would fail the gate by chance alone.
  const lost = pairs.filter(
    (pair) =>
      pair.baseline.runs.every((run) => runPassed(run, gate.score, gate.threshold)) &&
      pair.candidate.runs.every((run) => !runPassed(run, gate.score, gate.threshold)),
  );
  const lostIds = lost.map((pair) => pair.candidate.itemId);
  return verdict(
    gate,
    lost.length === 0,
    lost.length === 0
      ? `no item that passed every baseline repeat fails every repeat now (${pairs.length} paired items)`
      : `${lost.length} item(s) passed every baseline repeat and now fail every repeat: ${lostIds.slice(0, 10).join(', ')}${lostIds.length > 10 ? ', …' : ''}`,
    {
      estimate: lost.length,
      items: pairs.length,
      runs: runCount(pairs.map((pair) => pair.candidate)),
      failingItems: lostIds,
    },
  );
}

function costVerdict(gate: Extract<Gate, { kind: 'max-cost' }>, items: ItemResult[]): GateVerdict {
  const costs = items.flatMap((item) =>
    item.runs.flatMap((run) => (run.cost === undefined ? [] : [run.cost])),
  );
  if (costs.length === 0)
    return errorVerdict(gate, 'no run reported a cost; the task or gateway must return usage');
  const mean = costs.reduce((total, value) => total + value, 0) / costs.length;
  const passed = mean <= gate.atMost;
  return verdict(
    gate,
    passed,
    `mean cost $${round(mean, 6)} per run ${passed ? '<=' : '>'} $${gate.atMost}`,
    {
      estimate: mean,
      items: items.length,
      runs: costs.length,
      failingItems: [],
    },
  );
}

function latencyVerdict(gate: Extract<Gate, { kind: 'max-latency' }>, items: ItemResult[]): GateVerdict {
  const latencies = items
    .flatMap((item) => item.runs.flatMap((run) => (run.latencyMs === undefined ? [] : [run.latencyMs])))
    .sort((first, second) => first - second);
  if (latencies.length === 0) return errorVerdict(gate, 'no run reported a latency');
  const p95 = latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)] ?? 0;
  const passed = p95 <= gate.p95Ms;
  return verdict(gate, passed, `p95 latency ${Math.round(p95)} ms ${passed ? '<=' : '>'} ${gate.p95Ms} ms`, {
    estimate: p95,
    items: items.length,
    runs: latencies.length,
    failingItems: [],
  });
}
