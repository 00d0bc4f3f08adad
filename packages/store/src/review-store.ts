import type {
  JudgeCalibrationRecord,
  ParsedReviewQueueInput,
  ReviewAnswer,
  ReviewItem,
  ReviewQueue,
  ReviewQueueCounts,
  ScoreConfig,
} from '@sextant/core';

/** A score config as stored, with when it was created and last changed. */
export interface ScoreConfigRecord extends ScoreConfig {
  createdAt: Date;
  updatedAt: Date;
}

/** Project-wide review settings. */
export interface ReviewSettings {
  /** Smallest Cohen's kappa with people at which a judge version counts as trusted. */
  judgeAgreementBar: number;
}

/**
 * Human review: score configs, review queues with leased assignment, reviewers' answers, and the history of
 * judge calibrations. Human scores themselves also go to `store.scores` (source 'human'); that is the service's job.
 */
export interface ReviewStore {
  /** Creates or replaces the project's config of that name. */
  putScoreConfig(projectId: string, config: ScoreConfig): Promise<ScoreConfigRecord>;
  getScoreConfig(projectId: string, name: string): Promise<ScoreConfigRecord | null>;
  /** By name. */
  listScoreConfigs(projectId: string): Promise<ScoreConfigRecord[]>;
  /** False when the project has no config of that name. */
  deleteScoreConfig(projectId: string, name: string): Promise<boolean>;

  /** Fails with `conflict` when the project already has a queue with that id. */
  createQueue(projectId: string, queue: ParsedReviewQueueInput): Promise<ReviewQueue>;
  getQueue(projectId: string, queueId: string): Promise<ReviewQueue | null>;
  /** Newest first. */
  listQueues(projectId: string): Promise<ReviewQueue[]>;
  /** Removes the queue, its items, leases and answers (human scores already written stay). */
  deleteQueue(projectId: string, queueId: string): Promise<boolean>;
  /** Items, completed items and answers of every queue of the project. */
  queueCounts(projectId: string): Promise<ReviewQueueCounts[]>;

  /** Appends items in order; an item id the queue already has is ignored. Fails with `not_found` for no queue. */
  addItems(projectId: string, queueId: string, items: readonly ReviewItem[]): Promise<{ inserted: number }>;
  getItem(projectId: string, queueId: string, itemId: string): Promise<ReviewItem | null>;
  /** In queue order, `offset`-paged; default limit 100. */
  listItems(
    projectId: string,
    queueId: string,
    page?: { offset?: number; limit?: number },
  ): Promise<ReviewItem[]>;

  /**
   * Gives `reviewer` the next item they have not answered whose finished answers plus other reviewers' live
   * leases are below the queue's required reviewers, and leases it to them until `now + leaseMs` (dropping
   * their other leases in the queue). An item they already hold comes back first. Atomic: two reviewers
   * asking at once never both get an item that needs one more review. Null when nothing is left for them.
   */
  claimNextItem(
    projectId: string,
    queueId: string,
    claim: { reviewer: string; leaseMs: number; now?: Date },
  ): Promise<ReviewItem | null>;
  /** Stores (or replaces) the reviewer's answer to an item and releases their lease on it. */
  putAnswer(projectId: string, answer: ReviewAnswer): Promise<void>;
  /** In item order, then reviewer. */
  listAnswers(projectId: string, queueId: string, filter?: { reviewer?: string }): Promise<ReviewAnswer[]>;

  getSettings(projectId: string): Promise<ReviewSettings>;
  putSettings(projectId: string, settings: ReviewSettings): Promise<void>;

  /** Appends one calibration snapshot (same id again = ignored). */
  recordCalibration(projectId: string, record: JudgeCalibrationRecord): Promise<void>;
  /** Oldest first. */
  listCalibrations(
    projectId: string,
    filter?: { evaluatorName?: string; scoreName?: string },
  ): Promise<JudgeCalibrationRecord[]>;
}
