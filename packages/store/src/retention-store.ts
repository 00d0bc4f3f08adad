/** A project's retention: data older than `days` is deleted by the sweep; null keeps everything. */
export interface RetentionSetting {
  days: number | null;
  updatedAt: Date | null;
}

/** How much one batch removed. */
export interface RetentionBatch {
  traces: number;
  spans: number;
}

/**
 * Retention settings and the age-based deletes of the sweep. Every delete takes a `limit` and runs as
 * one short transaction, so a sweep made of many calls never holds the write lock for long.
 */
export interface RetentionStore {
  get(projectId: string): Promise<RetentionSetting>;
  set(projectId: string, days: number | null): Promise<RetentionSetting>;
  /**
   * Deletes up to `limit` traces that ended before `before`, with their spans, search index entries and
   * tags, and the hourly model-call rollup of hours wholly before it.
   */
  deleteTracesBefore(projectId: string, before: Date, limit: number): Promise<RetentionBatch>;
  /** Deletes up to `limit` scores created before `before`; returns how many. */
  deleteScoresBefore(projectId: string, before: Date, limit: number): Promise<number>;
}
