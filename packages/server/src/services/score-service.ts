import { randomUUID } from 'node:crypto';
import {
  type Score,
  type ScorePostInput,
  type ScoreQuery,
  type ScoreSeriesPoint,
  type ScoreSeriesQuery,
  SextantError,
  scoreInputSchema,
} from '@sextant/core';
import type { Store } from '@sextant/store';

/** Most buckets one series answer may hold, so a year at one-second buckets is refused, not computed. */
const maxBuckets = 5000;

/** Writes and reads scores for the API, the SDK and other services (online evaluation, reviews). */
export class ScoreService {
  constructor(private readonly store: Store) {}

  /** Fills in ids and times the caller left out; returns the ids so a caller can refer to its scores. */
  async putScores(projectId: string, inputs: readonly ScorePostInput[]) {
    const now = new Date();
    const scores: Score[] = inputs.map((input) => {
      const parsed = scoreInputSchema.parse(input);
      return { ...parsed, id: parsed.id ?? randomUUID(), createdAt: parsed.createdAt ?? now };
    });
    const { inserted } = await this.store.scores.putScores(projectId, scores);
    return { inserted, ids: scores.map((score) => score.id) };
  }

  listScores(projectId: string, query: ScoreQuery): Promise<Score[]> {
    return this.store.scores.listScores(projectId, query);
  }

  scoreSeries(projectId: string, query: ScoreSeriesQuery): Promise<ScoreSeriesPoint[]> {
    const spanSeconds = (query.end.getTime() - query.start.getTime()) / 1000;
    if (spanSeconds <= 0) {
      throw new SextantError(
        'bad_request',
        `end (${query.end.toISOString()}) must be after start (${query.start.toISOString()})`,
      );
    }
    if (spanSeconds / query.bucketSeconds > maxBuckets) {
      throw new SextantError(
        'bad_request',
        `bucketSeconds=${query.bucketSeconds} makes ${Math.ceil(spanSeconds / query.bucketSeconds)} buckets; ` +
          `use at least ${Math.ceil(spanSeconds / maxBuckets)} or a shorter window`,
      );
    }
    return this.store.scores.scoreSeries(projectId, query);
  }
}
