import type { Experiment, ExperimentRun, ExperimentStatus, ParsedExperimentInput } from '@sextant/core';

/** Experiments and their item runs. Their scores live in `store.scores` with `experimentId` set. */
export interface ExperimentStore {
  /** Fails with `conflict` when the project already has an experiment with that id. */
  create(projectId: string, input: ParsedExperimentInput & { id: string }): Promise<Experiment>;
  get(projectId: string, id: string): Promise<Experiment | null>;
  /** Newest first. */
  list(projectId: string, query?: { datasetName?: string; limit?: number }): Promise<Experiment[]>;
  /** False when the project has no such experiment. */
  setStatus(projectId: string, id: string, status: ExperimentStatus): Promise<boolean>;
  /**
   * Writes runs; a run for an (item, repeat) the experiment already has replaces it, so a retried
   * batch is harmless. Fails with `not_found` when the experiment does not exist.
   */
  putRuns(
    projectId: string,
    experimentId: string,
    runs: readonly Omit<ExperimentRun, 'experimentId' | 'createdAt'>[],
  ): Promise<{ written: number }>;
  /** Every run, by item id then repeat. */
  listRuns(projectId: string, experimentId: string): Promise<ExperimentRun[]>;
  /** Only the (item, repeat) keys of finished runs: what a resumed run skips. Cheap for large runs. */
  listRunKeys(projectId: string, experimentId: string): Promise<{ itemId: string; repeat: number }[]>;
  /**
   * Changes whenever runs of the experiment are written (a rewrite of a run included) and whenever its
   * scores are added or removed: what a summary computed earlier is checked against, far cheaper than
   * reading the runs again.
   */
  resultsVersion(projectId: string, experimentId: string): Promise<string>;
}
