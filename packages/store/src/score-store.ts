import type { Score, ScoreQuery, ScoreSeriesPoint, ScoreSeriesQuery } from '@sextant/core';

/**
 * Scores of traces from every source (experiments, online rules, people, API callers).
 * Idempotent on (project, score id): writing an id the project already has is ignored.
 */
export interface ScoreStore {
  putScores(projectId: string, scores: readonly Score[]): Promise<{ inserted: number }>;
  /** Newest first (ties by id), at most `limit` (default 1000). */
  listScores(projectId: string, query: ScoreQuery): Promise<Score[]>;
  /**
   * Count, mean and pass rate per time bucket (aligned to multiples of `bucketSeconds` since the epoch)
   * and group, oldest bucket first. Release and prompt groups come from the scored trace's spans.
   */
  scoreSeries(projectId: string, query: ScoreSeriesQuery): Promise<ScoreSeriesPoint[]>;
}
