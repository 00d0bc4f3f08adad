import type { ApiClient } from './api-client';

// Typed calls of /api/experiments.

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface Experiment {
  id: string;
  name: string;
  datasetName: string;
  datasetVersion: number;
  release?: { name: string; version: number };
  promptVersions?: { name: string; version: number }[];
  model?: string;
  repeats: number;
  itemCount: number;
  evaluators: { name: string; version: string }[];
  status: 'running' | 'completed' | 'failed';
  createdAt: string;
  updatedAt: string;
}

export interface ExperimentRun {
  itemId: string;
  repeat: number;
  traceId: string;
  output?: unknown;
  error?: string;
  latencyMs: number;
  cost?: number;
  scores: Record<string, { value: number; passed?: boolean; label?: string; explanation?: string }>;
}

export interface MetricSummary {
  name: string;
  count: number;
  items: number;
  mean: Interval;
  passRate: (Interval & { passed: number; total: number }) | null;
  flakyItems: number;
}

export interface ExperimentSummary {
  runs: number;
  errors: number;
  items: number;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  cost: number | null;
  metrics: MetricSummary[];
  /** One page of items, by item id; the fields above cover every item. */
  itemSummaries: ItemSummary[];
  /** Items on all pages (with `itemsFilter: 'flaky'`, the flaky ones). */
  itemsTotal: number;
  nextItemsCursor: string | null;
}

export interface ItemSummary {
  itemId: string;
  runs: ExperimentRun[];
  means: Record<string, number>;
  flakyOn: string[];
}

/** Which page of items `getExperiment` returns; the server's default is the first 100 of every item. */
export interface ItemsQuery {
  itemsLimit?: number;
  itemsCursor?: string;
  itemsFilter?: 'all' | 'flaky';
}

export interface MetricComparison {
  name: string;
  items: number;
  meanBaseline: number;
  meanCandidate: number;
  meanDifference: number;
  interval: { lower: number; upper: number; level: number };
  pValue: { twoSided: number; greater: number; less: number };
  mcnemar: {
    baselineOnly: number;
    candidateOnly: number;
    bothPassed: number;
    bothFailed: number;
    pValue: { twoSided: number };
  } | null;
}

export interface ExperimentComparison {
  items: number;
  onlyBaseline: number;
  onlyCandidate: number;
  metrics: MetricComparison[];
  itemComparisons: {
    itemId: string;
    baseline: { runs: ExperimentRun[]; means: Record<string, number> };
    candidate: { runs: ExperimentRun[]; means: Record<string, number> };
    deltas: Record<string, number>;
  }[];
}

export const listExperiments = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ experiments: Experiment[] }>('GET', '/api/experiments', { signal });

export const getExperiment = (client: ApiClient, id: string, query: ItemsQuery, signal?: AbortSignal) =>
  client.send<{ experiment: Experiment; summary: ExperimentSummary }>(
    'GET',
    `/api/experiments/${encodeURIComponent(id)}`,
    { query: { ...query }, signal },
  );

export const compareExperiments = (
  client: ApiClient,
  baseline: string,
  candidate: string,
  signal?: AbortSignal,
) =>
  client.send<{ baseline: Experiment; candidate: Experiment; comparison: ExperimentComparison }>(
    'GET',
    '/api/experiments/compare',
    { query: { baseline, candidate }, signal },
  );

/** What ran: the release, else the model, else the runner's own task. */
export const experimentTarget = (experiment: Experiment) =>
  experiment.release
    ? `${experiment.release.name}@${experiment.release.version}`
    : (experiment.model ?? 'custom task');
