import type { Experiment, ExperimentRun } from '@sextant/core';

export interface ExperimentRow {
  id: string;
  name: string;
  dataset_name: string;
  dataset_version: number;
  release_name: string | null;
  release_version: number | null;
  prompt_versions: string | null;
  model: string | null;
  repeats: number;
  item_count: number;
  evaluators: string;
  metadata: string;
  status: Experiment['status'];
  created_at: number;
  updated_at: number;
}
export interface ExperimentRunRow {
  experiment_id: string;
  item_id: string;
  repeat: number;
  trace_id: string;
  output: string | null;
  error: string | null;
  latency_ms: number;
  cost: number | null;
  created_at: number;
}

export function toExperiment(row: ExperimentRow): Experiment {
  const experiment: Experiment = {
    id: row.id,
    name: row.name,
    datasetName: row.dataset_name,
    datasetVersion: row.dataset_version,
    repeats: row.repeats,
    itemCount: row.item_count,
    evaluators: JSON.parse(row.evaluators),
    metadata: JSON.parse(row.metadata),
    status: row.status,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
  if (row.release_name !== null && row.release_version !== null) {
    experiment.release = { name: row.release_name, version: row.release_version };
  }
  if (row.prompt_versions !== null) experiment.promptVersions = JSON.parse(row.prompt_versions);
  if (row.model !== null) experiment.model = row.model;
  return experiment;
}

export function toRun(row: ExperimentRunRow): ExperimentRun {
  const run: ExperimentRun = {
    experimentId: row.experiment_id,
    itemId: row.item_id,
    repeat: row.repeat,
    traceId: row.trace_id,
    output: row.output === null ? null : JSON.parse(row.output),
    latencyMs: row.latency_ms,
    createdAt: new Date(row.created_at),
  };
  if (row.error !== null) run.error = row.error;
  if (row.cost !== null) run.cost = row.cost;
  return run;
}
