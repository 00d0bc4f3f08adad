import {
  pairwiseResults,
  type ReviewAnswer,
  type ReviewItem,
  type ReviewItemInput,
  type ReviewQueue,
  type ReviewQueueInput,
  reviewAgreement,
  reviewItemSchema,
  reviewQueueInputSchema,
  type Score,
  type ScoreConfigInput,
  SextantError,
  scoreAnswer,
  scoreConfigSchema,
} from '@sextant/core';
import type { ScoreConfigRecord, Store } from '@sextant/store';
import type { z } from 'zod';
import type { AuditCaller, AuditLog } from '../services/audit-log.js';
import { collectQueueItems, type QueueFill } from './review-queue-fill.js';
import { addReviewedItemsToDataset } from './reviewed-items-to-dataset.js';
import { preferredSystem, type ReviewerView, reviewerView } from './reviewer-view.js';

/** How long an item stays with a reviewer who took it before others may get it. */
const leaseMs = 10 * 60 * 1000;

/** A reviewer's answer as posted: scores by name; pairwise queues take a blind left/right/tie preference. */
export interface AnswerInput {
  reviewer: string;
  skip?: boolean;
  scores?: Record<string, number>;
  comment?: string;
  preference?: 'left' | 'right' | 'tie';
  reason?: string;
}

/** Per-reviewer progress in a queue. */
export interface ReviewerProgress {
  reviewer: string;
  done: number;
  skipped: number;
}

/** Parses with `schema`, turning its issues into one `bad_request` that names each bad field. */
function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`);
  throw new SextantError('bad_request', `invalid ${what}: ${issues.join('; ')}`);
}

/** Score configs, queues, assignment, answers (mirrored to human scores), agreement and pairwise results. */
export class ReviewService {
  constructor(
    private readonly store: Store,
    /** Where changes to score configs and queues are recorded; none in tests that do not need it. */
    private readonly audit?: AuditLog,
  ) {}

  async putScoreConfig(projectId: string, input: ScoreConfigInput, caller: AuditCaller = 'system') {
    const config = parseInput(scoreConfigSchema, input, 'score config');
    const before = await this.store.reviews.getScoreConfig(projectId, config.name);
    const stored = await this.store.reviews.putScoreConfig(projectId, config);
    await this.audit?.record(projectId, caller, {
      action: before ? 'score_config.update' : 'score_config.create',
      targetType: 'score_config',
      targetId: config.name,
      before,
      after: stored,
    });
    return stored;
  }

  listScoreConfigs(projectId: string) {
    return this.store.reviews.listScoreConfigs(projectId);
  }

  async getScoreConfig(projectId: string, name: string): Promise<ScoreConfigRecord> {
    const config = await this.store.reviews.getScoreConfig(projectId, name);
    if (config) return config;
    const names = (await this.store.reviews.listScoreConfigs(projectId)).map((entry) => entry.name);
    throw new SextantError(
      'not_found',
      `score config '${name}' not found; ${names.length > 0 ? `configs: ${names.join(', ')}` : 'create one with PUT /api/score-configs/{name}'}`,
    );
  }

  async deleteScoreConfig(projectId: string, name: string, caller: AuditCaller = 'system'): Promise<void> {
    const before = await this.getScoreConfig(projectId, name);
    await this.store.reviews.deleteScoreConfig(projectId, name);
    await this.audit?.record(projectId, caller, {
      action: 'score_config.delete',
      targetType: 'score_config',
      targetId: name,
      before,
    });
  }

  async createQueue(
    projectId: string,
    input: ReviewQueueInput,
    caller: AuditCaller = 'system',
  ): Promise<ReviewQueue> {
    const queue = parseInput(reviewQueueInputSchema, input, 'review queue');
    for (const name of queue.scoreNames) await this.getScoreConfig(projectId, name);
    const created = await this.store.reviews.createQueue(projectId, queue);
    await this.audit?.record(projectId, caller, {
      action: 'review_queue.create',
      targetType: 'review_queue',
      targetId: queue.id,
      after: created,
    });
    return created;
  }

  async listQueues(projectId: string) {
    const [queues, counts] = await Promise.all([
      this.store.reviews.listQueues(projectId),
      this.store.reviews.queueCounts(projectId),
    ]);
    const byId = new Map(counts.map((entry) => [entry.queueId, entry]));
    return queues.map((queue) => ({
      queue,
      items: byId.get(queue.id)?.items ?? 0,
      completedItems: byId.get(queue.id)?.completedItems ?? 0,
    }));
  }

  async getQueue(projectId: string, queueId: string): Promise<ReviewQueue> {
    const queue = await this.store.reviews.getQueue(projectId, queueId);
    if (queue) return queue;
    throw new SextantError(
      'not_found',
      `review queue '${queueId}' not found; list queues with GET /api/review-queues`,
    );
  }

  async deleteQueue(projectId: string, queueId: string, caller: AuditCaller = 'system'): Promise<void> {
    const before = await this.getQueue(projectId, queueId);
    await this.store.reviews.deleteQueue(projectId, queueId);
    await this.audit?.record(projectId, caller, {
      action: 'review_queue.delete',
      targetType: 'review_queue',
      targetId: queueId,
      before,
    });
  }

  async addItems(projectId: string, queueId: string, inputs: readonly ReviewItemInput[]) {
    const queue = await this.getQueue(projectId, queueId);
    const items = inputs.map((input) => parseInput(reviewItemSchema, input, 'review item'));
    const wrongShape = items.find((item) => (queue.kind === 'pairwise') !== (item.candidates !== undefined));
    if (wrongShape) {
      throw new SextantError(
        'bad_request',
        queue.kind === 'pairwise'
          ? `item '${wrongShape.id}' has no candidates; a pairwise queue compares two outputs: "candidates": [{ "system": "a", "output": ... }, { "system": "b", "output": ... }]`
          : `item '${wrongShape.id}' has candidates; only pairwise queues compare two outputs (send "output" instead)`,
      );
    }
    return this.store.reviews.addItems(projectId, queueId, items);
  }

  /** Reads items from traces, an experiment, a dataset or two experiments and appends them. */
  async fill(projectId: string, queueId: string, fill: QueueFill) {
    const queue = await this.getQueue(projectId, queueId);
    if ((queue.kind === 'pairwise') !== (fill.from === 'experiments-pairwise')) {
      throw new SextantError(
        'bad_request',
        queue.kind === 'pairwise'
          ? `queue '${queueId}' is pairwise; fill it with "from": "experiments-pairwise" or post items with candidates`
          : `"from": "experiments-pairwise" fills pairwise queues; queue '${queueId}' is pointwise`,
      );
    }
    const items = await collectQueueItems(this.store, projectId, fill);
    const { inserted } = await this.store.reviews.addItems(projectId, queueId, items);
    return { found: items.length, inserted };
  }

  /** The next item for the reviewer (leased to them), or null when they have nothing left. */
  async next(projectId: string, queueId: string, reviewer: string): Promise<ReviewerView | null> {
    await this.getQueue(projectId, queueId);
    const item = await this.store.reviews.claimNextItem(projectId, queueId, { reviewer, leaseMs });
    return item ? reviewerView(queueId, item) : null;
  }

  /** One item as the reviewer sees it, with their earlier answer (for going back). */
  async itemForReviewer(projectId: string, queueId: string, itemId: string, reviewer: string) {
    const item = await this.requireItem(projectId, queueId, itemId);
    const [answer] = await this.store.reviews
      .listAnswers(projectId, queueId, { reviewer })
      .then((answers) => answers.filter((entry) => entry.itemId === itemId));
    return {
      item: reviewerView(queueId, item),
      answer: answer ? this.blindAnswer(queueId, item, answer) : null,
    };
  }

  /** Stores the answer, and mirrors each score of a traced item into `store.scores` as a human score. */
  async answer(
    projectId: string,
    queueId: string,
    itemId: string,
    input: AnswerInput,
  ): Promise<ReviewAnswer> {
    const queue = await this.getQueue(projectId, queueId);
    const item = await this.requireItem(projectId, queueId, itemId);
    const answer: ReviewAnswer = {
      queueId,
      itemId,
      reviewer: input.reviewer,
      status: input.skip ? 'skipped' : 'done',
      scores: [],
      updatedAt: new Date(),
      ...(input.comment ? { comment: input.comment } : {}),
    };
    if (!input.skip && queue.kind === 'pairwise') {
      if (!input.preference) {
        throw new SextantError(
          'bad_request',
          'a pairwise answer needs "preference": "left", "right" or "tie" (or "skip": true)',
        );
      }
      answer.preferred = preferredSystem(queueId, item, input.preference);
      if (input.reason) answer.reason = input.reason;
    }
    const scores: Score[] = [];
    if (!input.skip && queue.kind === 'pointwise') {
      const given = input.scores ?? {};
      const unknown = Object.keys(given).filter((name) => !queue.scoreNames.includes(name));
      if (unknown.length > 0) {
        throw new SextantError(
          'bad_request',
          `queue '${queueId}' does not score ${unknown.join(', ')}; it scores ${queue.scoreNames.join(', ')}`,
        );
      }
      if (Object.keys(given).length === 0) {
        throw new SextantError(
          'bad_request',
          `send at least one of ${queue.scoreNames.join(', ')} in "scores" (or "skip": true)`,
        );
      }
      for (const [name, value] of Object.entries(given)) {
        const derived = scoreAnswer(await this.getScoreConfig(projectId, name), value);
        answer.scores.push({ name, value });
        if (item.traceId) {
          scores.push({
            // Same answer again = same id (ignored); a changed answer is a newer score, and readers take the newest.
            id: `review:${queueId}:${itemId}:${input.reviewer}:${name}:${value}`,
            traceId: item.traceId,
            name,
            ...derived,
            source: 'human',
            author: input.reviewer,
            createdAt: answer.updatedAt,
            // Human scores of an experiment's runs count in its summary and comparisons.
            ...(item.origin?.startsWith('experiment:')
              ? { experimentId: item.origin.slice('experiment:'.length) }
              : {}),
            ...(input.comment ? { comment: input.comment } : {}),
          });
        }
      }
    }
    await this.store.reviews.putAnswer(projectId, answer);
    if (scores.length > 0) await this.store.scores.putScores(projectId, scores);
    return answer;
  }

  /** Items done per queue and per reviewer. */
  async progress(projectId: string, queueId: string) {
    const queue = await this.getQueue(projectId, queueId);
    const [counts, answers] = await Promise.all([
      this.store.reviews.queueCounts(projectId),
      this.store.reviews.listAnswers(projectId, queueId),
    ]);
    const own = counts.find((entry) => entry.queueId === queueId);
    const reviewers = new Map<string, ReviewerProgress>();
    for (const answer of answers) {
      const entry = reviewers.get(answer.reviewer) ?? { reviewer: answer.reviewer, done: 0, skipped: 0 };
      if (answer.status === 'done') entry.done++;
      else entry.skipped++;
      reviewers.set(answer.reviewer, entry);
    }
    return {
      queue,
      items: own?.items ?? 0,
      completedItems: own?.completedItems ?? 0,
      reviewers: [...reviewers.values()].sort(
        (a, b) => b.done - a.done || a.reviewer.localeCompare(b.reviewer),
      ),
    };
  }

  /** Inter-annotator agreement per score (pointwise) or win rates and ranking (pairwise). */
  async results(projectId: string, queueId: string) {
    const queue = await this.getQueue(projectId, queueId);
    const answers = await this.store.reviews.listAnswers(projectId, queueId);
    if (queue.kind === 'pairwise') {
      const items = new Map((await this.allItems(projectId, queueId)).map((item) => [item.id, item]));
      const preferences = answers.flatMap((answer) => {
        const candidates = items.get(answer.itemId)?.candidates;
        if (answer.status !== 'done' || !answer.preferred || !candidates) return [];
        return [
          { systems: [candidates[0].system, candidates[1].system] as const, preferred: answer.preferred },
        ];
      });
      return { agreement: [], pairwise: preferences.length > 0 ? pairwiseResults(preferences) : null };
    }
    const agreement = [];
    for (const name of queue.scoreNames) {
      const config = await this.store.reviews.getScoreConfig(projectId, name);
      if (config) agreement.push(reviewAgreement(config, answers));
    }
    return { agreement, pairwise: null };
  }

  /**
   * Adds the queue's reviewed items to a dataset (created when missing) as one new version: the input, the
   * reviewed output as expected output, and people's labels in metadata (majority, or mean for numbers).
   */
  async addToDataset(projectId: string, queueId: string, datasetName: string) {
    const queue = await this.getQueue(projectId, queueId);
    if (queue.kind === 'pairwise') {
      throw new SextantError(
        'bad_request',
        'pairwise queues hold preferences, not labels; add a pointwise queue to a dataset',
      );
    }
    const answers = (await this.store.reviews.listAnswers(projectId, queueId)).filter(
      (answer) => answer.status === 'done',
    );
    const items = await this.allItems(projectId, queueId);
    return addReviewedItemsToDataset(this.store, projectId, { queueId, items, answers, datasetName });
  }

  private async requireItem(projectId: string, queueId: string, itemId: string): Promise<ReviewItem> {
    await this.getQueue(projectId, queueId);
    const item = await this.store.reviews.getItem(projectId, queueId, itemId);
    if (!item) throw new SextantError('not_found', `item '${itemId}' not found in review queue '${queueId}'`);
    return item;
  }

  private async allItems(projectId: string, queueId: string): Promise<ReviewItem[]> {
    const items: ReviewItem[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.store.reviews.listItems(projectId, queueId, { offset, limit: 1000 });
      items.push(...page);
      if (page.length < 1000) return items;
    }
  }

  /** A stored answer as its reviewer may see it again: the preferred system turned back into left/right. */
  private blindAnswer(queueId: string, item: ReviewItem, answer: ReviewAnswer) {
    const { preferred, ...rest } = answer;
    if (preferred === undefined) return rest;
    const preference =
      preferred === 'tie' ? 'tie' : preferredSystem(queueId, item, 'left') === preferred ? 'left' : 'right';
    return { ...rest, preference };
  }
}
