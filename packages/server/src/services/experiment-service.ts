import { randomUUID } from 'node:crypto';
import {
  compareExperiments,
  decodeItemsCursor,
  type Experiment,
  type ExperimentInput,
  type ExperimentRunInput,
  type ExperimentStatus,
  type ExperimentSummary,
  experimentInputSchema,
  experimentRunSchema,
  type ItemFilter,
  pageItemSummaries,
  type Score,
  type ScorePostInput,
  SextantError,
  scoreInputSchema,
  summarizeExperiment,
} from '@sextant/core';
import type { Store } from '@sextant/store';

/** What a runner posts to start an experiment: the dataset version and item count default to the newest. */
export type NewExperiment = Omit<ExperimentInput, 'datasetVersion' | 'itemCount'> & {
  datasetVersion?: number;
};

/** Summaries kept for reuse (see `summary`): a bake-off's contenders, or a few experiments being paged. */
const keptSummaries = 8;

/** Experiments: start, record results in batches, resume, summarise and compare. */
export class ExperimentService {
  private readonly recentSummaries = new Map<string, { version: string; summary: ExperimentSummary }>();

  constructor(private readonly store: Store) {}

  async create(projectId: string, input: NewExperiment): Promise<Experiment> {
    const dataset = await this.store.datasets.get(projectId, input.datasetName);
    if (!dataset) {
      throw new SextantError(
        'not_found',
        `dataset '${input.datasetName}' not found in this project; create it with \`sextant datasets create ${input.datasetName}\``,
      );
    }
    const versions = await this.store.datasets.listVersions(projectId, input.datasetName);
    const version = input.datasetVersion ?? dataset.latestVersion;
    const record = versions.find((entry) => entry.version === version);
    if (!record) {
      throw new SextantError(
        'bad_request',
        `dataset '${input.datasetName}' has no version ${version}; its versions are ${versions.map((entry) => entry.version).join(', ') || 'none (import items first)'}`,
      );
    }
    const parsed = experimentInputSchema.parse({
      ...input,
      datasetVersion: version,
      itemCount: record.itemCount,
    });
    return this.store.experiments.create(projectId, { ...parsed, id: parsed.id ?? newExperimentId() });
  }

  async get(projectId: string, id: string): Promise<Experiment> {
    const experiment = await this.store.experiments.get(projectId, id);
    if (!experiment) {
      throw new SextantError(
        'not_found',
        `experiment '${id}' not found in this project; list them with \`sextant experiments list\``,
      );
    }
    return experiment;
  }

  list(projectId: string, query: { datasetName?: string; limit?: number }) {
    return this.store.experiments.list(projectId, query);
  }

  async setStatus(projectId: string, id: string, status: ExperimentStatus): Promise<Experiment> {
    if (!(await this.store.experiments.setStatus(projectId, id, status))) await this.get(projectId, id);
    return this.get(projectId, id);
  }

  /**
   * Records a batch of item runs and their scores. Scores are marked as this experiment's; a score id
   * seen before and a run of an (item, repeat) seen before are harmless, so a retried batch is safe.
   */
  async recordResults(
    projectId: string,
    id: string,
    batch: { runs: readonly ExperimentRunInput[]; scores: readonly ScorePostInput[] },
  ): Promise<{ runs: number; scores: number }> {
    await this.get(projectId, id);
    const runs = batch.runs.map((run) => experimentRunSchema.parse(run));
    const now = new Date();
    const scores: Score[] = batch.scores.map((input) => {
      const parsed = scoreInputSchema.parse(input);
      return {
        ...parsed,
        id: parsed.id ?? randomUUID(),
        createdAt: parsed.createdAt ?? now,
        source: 'experiment',
        experimentId: id,
      };
    });
    // Runs first: a crash between the two writes leaves a run without scores, which a resume skips but a
    // summary shows as unscored, rather than scores pointing at no run.
    const written = await this.store.experiments.putRuns(projectId, id, runs);
    const { inserted } = await this.store.scores.putScores(projectId, scores);
    return { runs: written.written, scores: inserted };
  }

  /** The (item, repeat) pairs already run: what a resumed run skips. */
  async finishedRuns(projectId: string, id: string) {
    await this.get(projectId, id);
    return this.store.experiments.listRunKeys(projectId, id);
  }

  /**
   * Aggregates and every item: for server-side callers that compute on all of them. The last few
   * summaries are kept and reused while the store's results version says nothing was written since,
   * so paging through a 10,000-item experiment reads and summarises its runs once, not per page.
   */
  async summary(projectId: string, id: string) {
    const experiment = await this.get(projectId, id);
    const key = `${projectId}\u0000${id}`;
    const version = await this.store.experiments.resultsVersion(projectId, id);
    const cached = this.recentSummaries.get(key);
    if (cached?.version === version) return { experiment, summary: cached.summary };
    const { runs, scores } = await this.results(projectId, id);
    const summary = summarizeExperiment(runs, scores);
    this.recentSummaries.delete(key);
    this.recentSummaries.set(key, { version, summary });
    // A summary holds every run's output: keep only a few.
    for (const oldest of this.recentSummaries.keys()) {
      if (this.recentSummaries.size <= keptSummaries) break;
      this.recentSummaries.delete(oldest);
    }
    return { experiment, summary };
  }

  /**
   * Aggregates over every run, with one page of items by item id: `cursor` is the `nextItemsCursor` of
   * the previous page. A cursor this API did not return is a `bad_request`.
   */
  async summaryPage(
    projectId: string,
    id: string,
    query: { limit: number; cursor?: string; filter?: ItemFilter },
  ) {
    const after = query.cursor === undefined ? undefined : decodeItemsCursor(query.cursor);
    if (after && !after.success) throw new SextantError('bad_request', after.error);
    const { experiment, summary } = await this.summary(projectId, id);
    const page = pageItemSummaries(summary.itemSummaries, {
      limit: query.limit,
      after: after?.value,
      filter: query.filter,
    });
    return { experiment, summary: { ...summary, ...page } };
  }

  async compare(projectId: string, baselineId: string, candidateId: string) {
    if (baselineId === candidateId) {
      throw new SextantError(
        'bad_request',
        `baseline and candidate are both '${baselineId}'; pick two experiments`,
      );
    }
    const [baseline, candidate] = await Promise.all([
      this.get(projectId, baselineId),
      this.get(projectId, candidateId),
    ]);
    const comparison = compareExperiments(
      await this.results(projectId, baselineId),
      await this.results(projectId, candidateId),
    );
    if (comparison.items === 0) {
      throw new SextantError(
        'bad_request',
        `experiments '${baselineId}' and '${candidateId}' share no items; compare runs over the same dataset`,
      );
    }
    return { baseline, candidate, comparison };
  }

  private async results(projectId: string, id: string) {
    const [runs, scores] = await Promise.all([
      this.store.experiments.listRuns(projectId, id),
      this.store.scores.listScores(projectId, { experimentId: id, limit: Number.MAX_SAFE_INTEGER }),
    ]);
    return { runs, scores };
  }
}

/** Sortable by time, unique enough for concurrent runners: `exp-20261127-203512-1a2b3c`. */
function newExperimentId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `exp-${stamp}-${randomUUID().slice(0, 6)}`;
}
