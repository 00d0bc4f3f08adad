import type { Score, ScoreQuery, ScoreSeriesPoint, ScoreSeriesQuery } from '@sextant/core';
import { SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { ScoreStore } from '../score-store.js';

interface ScoreRow {
  id: string;
  trace_id: string;
  span_id: string | null;
  name: string;
  value: number;
  label: string | null;
  passed: number | null;
  explanation: string | null;
  comment: string | null;
  source: Score['source'];
  evaluator_name: string | null;
  evaluator_version: string | null;
  author: string | null;
  experiment_id: string | null;
  created_at: number;
}

/** Optional columns come back as absent fields, never as nulls, so a score round-trips exactly. */
function toScore(row: ScoreRow): Score {
  const score: Score = {
    id: row.id,
    traceId: row.trace_id,
    name: row.name,
    value: row.value,
    source: row.source,
    createdAt: new Date(row.created_at),
  };
  if (row.span_id !== null) score.spanId = row.span_id;
  if (row.label !== null) score.label = row.label;
  if (row.passed !== null) score.passed = row.passed === 1;
  if (row.explanation !== null) score.explanation = row.explanation;
  if (row.comment !== null) score.comment = row.comment;
  if (row.evaluator_name !== null) score.evaluatorName = row.evaluator_name;
  if (row.evaluator_version !== null) score.evaluatorVersion = row.evaluator_version;
  if (row.author !== null) score.author = row.author;
  if (row.experiment_id !== null) score.experimentId = row.experiment_id;
  return score;
}

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

/** SQL for the group of a scored trace: taken from any of its spans that carries a release or prompt. */
const groupExpression = {
  none: "''",
  name: 'name',
  release: `coalesce((SELECT release_id FROM spans s WHERE s.project_id = scores.project_id
    AND s.trace_id = scores.trace_id AND s.release_id IS NOT NULL LIMIT 1), '(none)')`,
  prompt: `coalesce((SELECT prompt_name || '@' || coalesce(prompt_version, '?') FROM spans s
    WHERE s.project_id = scores.project_id AND s.trace_id = scores.trace_id AND s.prompt_name IS NOT NULL
    LIMIT 1), '(none)')`,
} as const;

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
          `SELECT created_at - (created_at % @bucketMs) AS bucket, ${groupExpression[query.groupBy ?? 'none']} AS grp,
             count(*) AS n, avg(value) AS mean, avg(passed) AS pass_rate
           FROM scores WHERE ${where.join(' AND ')}
           GROUP BY bucket, grp ORDER BY bucket, grp`,
        )
        .all(params) as { bucket: number; grp: string; n: number; mean: number; pass_rate: number | null }[];
      return rows.map(
        (row): ScoreSeriesPoint => ({
          bucketStart: new Date(row.bucket),
          group: row.grp,
          count: row.n,
          mean: row.mean,
          passRate: row.pass_rate,
        }),
      );
    },
  };
}
