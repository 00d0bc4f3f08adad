import type { Score, ScoreQuery, ScoreSeriesQuery } from '@sextant/core';
import { SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import {
  type ScoreRow,
  type ScoreSeriesRow,
  scoreGroupExpression,
  toScore,
  toScoreSeriesPoint,
} from '../rows/score-rows.js';
import type { ScoreStore } from '../score-store.js';

const toRow = (projectId: string, score: Score) => ({
  project_id: projectId,
  id: score.id,
  trace_id: score.traceId,
  span_id: score.spanId ?? null,
  name: score.name,
  value: score.value,
  label: score.label ?? null,
  passed: score.passed === undefined ? null : score.passed ? 1 : 0,
  explanation: score.explanation ?? null,
  comment: score.comment ?? null,
  source: score.source,
  evaluator_name: score.evaluatorName ?? null,
  evaluator_version: score.evaluatorVersion ?? null,
  author: score.author ?? null,
  experiment_id: score.experimentId ?? null,
  created_at: score.createdAt.getTime(),
});

/** The scores part of the SQLite store. */
export function createSqliteScoreStore(db: Database.Database): ScoreStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO scores (project_id, id, trace_id, span_id, name, value, label, passed, explanation,
       comment, source, evaluator_name, evaluator_version, author, experiment_id, created_at)
     VALUES (@project_id, @id, @trace_id, @span_id, @name, @value, @label, @passed, @explanation, @comment,
       @source, @evaluator_name, @evaluator_version, @author, @experiment_id, @created_at)`,
  );
  const insertAll = db.transaction((projectId: string, scores: readonly Score[]) => {
    let inserted = 0;
    for (const score of scores) inserted += insert.run(toRow(projectId, score)).changes;
    return inserted;
  });

  return {
    async putScores(projectId, scores) {
      return { inserted: insertAll(projectId, scores) };
    },

    async listScores(projectId, query: ScoreQuery) {
      const where = ['project_id = @projectId'];
      const params: Record<string, unknown> = { projectId, limit: query.limit ?? 1000 };
      if (query.traceIds) {
        if (query.traceIds.length === 0) return [];
        where.push('trace_id IN (SELECT value FROM json_each(@traceIds))');
        params.traceIds = JSON.stringify(query.traceIds);
      }
      for (const [field, column] of [
        ['experimentId', 'experiment_id'],
        ['name', 'name'],
        ['source', 'source'],
      ] as const) {
        if (query[field] !== undefined) {
          where.push(`${column} = @${field}`);
          params[field] = query[field];
        }
      }
      if (query.since) {
        where.push('created_at >= @since');
        params.since = query.since.getTime();
      }
      if (query.until) {
        where.push('created_at < @until');
        params.until = query.until.getTime();
      }
      const rows = db
        .prepare(
          `SELECT * FROM scores WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT @limit`,
        )
        .all(params) as ScoreRow[];
      return rows.map(toScore);
    },

    async scoreSeries(projectId, query: ScoreSeriesQuery) {
      if (!(query.bucketSeconds > 0)) {
        throw new SextantError('bad_request', `bucketSeconds must be positive; got ${query.bucketSeconds}`);
      }
      const bucketMs = Math.round(query.bucketSeconds * 1000);
      const where = ['project_id = @projectId', 'created_at >= @start', 'created_at < @end'];
      const params: Record<string, unknown> = {
        projectId,
        start: query.start.getTime(),
        end: query.end.getTime(),
        bucketMs,
      };
      if (query.name !== undefined) {
        where.push('name = @name');
        params.name = query.name;
      }
      if (query.source !== undefined) {
        where.push('source = @source');
        params.source = query.source;
      }
      const rows = db
        .prepare(
          `SELECT created_at - (created_at % @bucketMs) AS bucket, ${scoreGroupExpression[query.groupBy ?? 'none']} AS grp,
             count(*) AS n, avg(value) AS mean, avg(passed) AS pass_rate
           FROM scores WHERE ${where.join(' AND ')}
           GROUP BY bucket, grp ORDER BY bucket, grp`,
        )
        .all(params) as ScoreSeriesRow[];
      return rows.map(toScoreSeriesPoint);
    },
  };
}
