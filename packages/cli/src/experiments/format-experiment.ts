import { formatDuration, formatTable, truncate } from '../output/format-table.js';

interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}
export interface ExperimentJson {
  id: string;
  name: string;
  datasetName: string;
  datasetVersion: number;
  release?: { name: string; version: number };
  model?: string;
  repeats: number;
  itemCount: number;
  status: string;
  createdAt: string;
}
interface RunJson {
  repeat: number;
  traceId: string;
  output?: unknown;
  error?: string;
  scores: Record<string, { value: number; passed?: boolean }>;
}
export interface SummaryJson {
  runs: number;
  errors: number;
  items: number;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  cost: number | null;
  metrics: {
    name: string;
    count: number;
    items: number;
    mean: Interval;
    passRate: (Interval & { passed: number; total: number }) | null;
    flakyItems: number;
  }[];
  /** One page of items (or every item, when the caller followed every page). */
  itemSummaries: { itemId: string; runs: RunJson[]; means: Record<string, number>; flakyOn: string[] }[];
  itemsTotal: number;
  nextItemsCursor: string | null;
}
export interface ComparisonJson {
  items: number;
  onlyBaseline: number;
  onlyCandidate: number;
  metrics: {
    name: string;
    items: number;
    meanBaseline: number;
    meanCandidate: number;
    meanDifference: number;
    interval: { lower: number; upper: number };
    pValue: { twoSided: number };
    mcnemar: { baselineOnly: number; candidateOnly: number; pValue: { twoSided: number } } | null;
  }[];
  itemComparisons: {
    itemId: string;
    baseline: { runs: RunJson[] };
    candidate: { runs: RunJson[] };
    deltas: Record<string, number>;
  }[];
}

const number = (value: number) => value.toFixed(3);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
const pValue = (value: number) => (value < 0.001 ? '<0.001' : value.toFixed(3));
const text = (value: unknown) =>
  truncate(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 40);

export const target = (experiment: ExperimentJson) =>
  experiment.release ? `${experiment.release.name}@${experiment.release.version}` : (experiment.model ?? '');

export function formatExperimentList(experiments: readonly ExperimentJson[]): string {
  return formatTable(
    ['ID', 'NAME', 'DATASET', 'TARGET', 'REPEATS', 'STATUS', 'CREATED'],
    experiments.map((experiment) => [
      experiment.id,
      truncate(experiment.name, 30),
      `${experiment.datasetName}@${experiment.datasetVersion}`,
      target(experiment),
      String(experiment.repeats),
      experiment.status,
      experiment.createdAt.replace('T', ' ').slice(0, 19),
    ]),
  );
}

/** How many items to list, and whether the summary holds only flaky ones (`itemsFilter=flaky`). */
export interface ItemListing {
  itemLimit: number;
  onlyFlaky?: boolean;
}

/** Header, aggregate scores with 95% intervals, and the items fetched (flaky and failing first). */
export function formatExperiment(
  experiment: ExperimentJson,
  summary: SummaryJson,
  { itemLimit, onlyFlaky = false }: ItemListing,
): string {
  const latency = summary.latencyMs
    ? `latency p50 ${formatDuration(summary.latencyMs.p50)}, p95 ${formatDuration(summary.latencyMs.p95)}`
    : '';
  const header = [
    `${experiment.name} (${experiment.id}) — ${experiment.status}`,
    `dataset ${experiment.datasetName}@${experiment.datasetVersion}, ${target(experiment) || 'custom task'}, ${experiment.repeats} repeat(s)`,
    `${summary.runs}/${experiment.itemCount * experiment.repeats} runs, ${summary.errors} errors; ${latency}${summary.cost === null ? '' : `, cost $${summary.cost.toFixed(4)}`}`,
  ].join('\n');
  const metrics = formatTable(
    ['SCORE', 'MEAN', '95% CI', 'PASS RATE', '95% CI', 'ITEMS', 'FLAKY'],
    summary.metrics.map((metric) => [
      metric.name,
      number(metric.mean.estimate),
      `[${number(metric.mean.lower)}, ${number(metric.mean.upper)}]`,
      metric.passRate ? percent(metric.passRate.estimate) : '',
      metric.passRate ? `[${percent(metric.passRate.lower)}, ${percent(metric.passRate.upper)}]` : '',
      String(metric.items),
      String(metric.flakyItems),
    ]),
  );
  const names = summary.metrics.map((metric) => metric.name);
  const ordered = [...summary.itemSummaries].sort(
    (a, b) =>
      Number(b.flakyOn.length > 0) - Number(a.flakyOn.length > 0) ||
      (a.means[names[0] ?? ''] ?? 0) - (b.means[names[0] ?? ''] ?? 0),
  );
  const items = formatTable(
    ['ITEM', ...names.map((name) => name.toUpperCase()), 'FLAKY', 'OUTPUT (first repeat)'],
    ordered
      .slice(0, itemLimit)
      .map((item) => [
        item.itemId,
        ...names.map((name) => (item.means[name] === undefined ? '-' : number(item.means[name]))),
        item.flakyOn.length > 0 ? 'yes' : '',
        item.runs[0]?.error ? `error: ${truncate(item.runs[0].error, 34)}` : text(item.runs[0]?.output),
      ]),
  );
  const note = itemsNote(summary, Math.min(itemLimit, ordered.length), onlyFlaky);
  return `${header}\n\n${metrics}\n\n${items}${note ? `\n${note}` : ''}`;
}

/** What the listed items are out of: all items fetched, or a first page that the ranking covers alone. */
function itemsNote(summary: SummaryJson, listed: number, onlyFlaky: boolean): string {
  const kind = onlyFlaky ? 'flaky items' : 'items';
  const fetched = summary.itemSummaries.length;
  if (summary.itemsTotal === 0) return `no ${kind}`;
  if (fetched >= summary.itemsTotal) {
    return listed < fetched ? `… ${fetched - listed} more ${kind} (--items N)` : '';
  }
  return (
    `showing ${listed} of ${count(summary.itemsTotal)} ${kind}, flaky and lowest first among the first ${count(fetched)} by item id; ` +
    '--items N lists more, --items-limit N (up to 1000) ranks more, --all ranks every item'
  );
}

const count = (value: number) => value.toLocaleString('en-US');

/** Paired differences per score, then the items that regressed most. */
export function formatComparison(
  baseline: ExperimentJson,
  candidate: ExperimentJson,
  comparison: ComparisonJson,
  itemLimit: number,
): string {
  const header = `baseline ${baseline.name} (${baseline.id}) vs candidate ${candidate.name} (${candidate.id}): ${comparison.items} shared items${
    comparison.onlyBaseline + comparison.onlyCandidate > 0
      ? ` (${comparison.onlyBaseline} only in baseline, ${comparison.onlyCandidate} only in candidate)`
      : ''
  }`;
  const metrics = formatTable(
    ['SCORE', 'BASELINE', 'CANDIDATE', 'DIFFERENCE', '95% CI', 'P (SIGN-FLIP)', 'MCNEMAR B/C', 'P (MCNEMAR)'],
    comparison.metrics.map((metric) => [
      metric.name,
      number(metric.meanBaseline),
      number(metric.meanCandidate),
      signed(metric.meanDifference),
      `[${signed(metric.interval.lower)}, ${signed(metric.interval.upper)}]`,
      pValue(metric.pValue.twoSided),
      metric.mcnemar ? `${metric.mcnemar.baselineOnly}/${metric.mcnemar.candidateOnly}` : '',
      metric.mcnemar ? pValue(metric.mcnemar.pValue.twoSided) : '',
    ]),
  );
  const first = comparison.metrics[0]?.name ?? '';
  const regressions = [...comparison.itemComparisons].sort(
    (a, b) => (a.deltas[first] ?? 0) - (b.deltas[first] ?? 0),
  );
  const items = formatTable(
    ['ITEM', `Δ ${first.toUpperCase()}`, 'BASELINE OUTPUT', 'CANDIDATE OUTPUT'],
    regressions
      .slice(0, itemLimit)
      .map((item) => [
        item.itemId,
        item.deltas[first] === undefined ? '-' : signed(item.deltas[first]),
        text(item.baseline.runs[0]?.error ?? item.baseline.runs[0]?.output),
        text(item.candidate.runs[0]?.error ?? item.candidate.runs[0]?.output),
      ]),
  );
  return `${header}\n\n${metrics}\n\nmost regressed first:\n${items}`;
}
