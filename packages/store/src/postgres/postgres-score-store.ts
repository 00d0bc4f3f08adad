import { type Score, type ScoreQuery, SextantError } from '@sextant/core';
import type pg from 'pg';
import {
  type ScoreRow,
  type ScoreSeriesRow,
  scoreGroupExpression,
  toScore,
  toScoreSeriesPoint,
} from '../rows/score-rows.js';
import type { ScoreStore } from '../score-store.js';

const columns = [
  'id',
  'trace_id',
  'span_id',
  'name',
  'value',
  'label',
  'passed',
  'explanation',
  'comment',
  'source',
  'evaluator_name',
  'evaluator_version',
  'author',
  'experiment_id',
  'created_at',
] as const;
const types: Record<(typeof columns)[number], string> = {
  id: 'text',
  trace_id: 'text',
  span_id: 'text',
  name: 'text',
  value: 'float8',
  label: 'text',
  passed: 'boolean',
  explanation: 'text',
  comment: 'text',
  source: 'text',
  evaluator_name: 'text',
  evaluator_version: 'text',
  author: 'text',
  experiment_id: 'text',
  created_at: 'bigint',
};

const toRow = (score: Score): unknown[] => [
  score.id,
  score.traceId,
  score.spanId ?? null,
  score.name,
  score.value,
  score.label ?? null,
  score.passed ?? null,
  score.explanation ?? null,
  score.comment ?? null,
  score.source,
  score.evaluatorName ?? null,
  score.evaluatorVersion ?? null,
  score.author ?? null,
  score.experimentId ?? null,
  score.createdAt.getTime(),
];

/** The scores part of the PostgreSQL store: one multi-row insert per batch, idempotent on (project, id). */
export function createPostgresScoreStore(pool: pg.Pool): ScoreStore {
  return {
    async putScores(projectId, scores) {
      if (scores.length === 0) return { inserted: 0 };
      const rows = scores.map(toRow);
      const result = await pool.query(
        `INSERT INTO scores (project_id, ${columns.join(', ')})
         SELECT $1, u.* FROM unnest(${columns.map((column, index) => `$${index + 2}::${types[column]}[]`).join(', ')}) AS u
         ON CONFLICT DO NOTHING`,
        [projectId, ...columns.map((_, index) => rows.map((row) => row[index]))],
      );
      return { inserted: result.rowCount ?? 0 };
    },

    async listScores(projectId, query: ScoreQuery) {
      const where = ['project_id = $1'];
      const params: unknown[] = [projectId];
      const add = (clause: (placeholder: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (query.traceIds) {
        if (query.traceIds.length === 0) return [];
        add((p) => `trace_id = ANY(${p}::text[])`, [...query.traceIds]);
      }
      if (query.experimentId !== undefined) add((p) => `experiment_id = ${p}`, query.experimentId);
      if (query.name !== undefined) add((p) => `name = ${p}`, query.name);
      if (query.source !== undefined) add((p) => `source = ${p}`, query.source);
      if (query.since) add((p) => `created_at >= ${p}`, query.since.getTime());
      if (query.until) add((p) => `created_at < ${p}`, query.until.getTime());
      params.push(query.limit ?? 1000);
      const { rows } = await pool.query<ScoreRow>(
        `SELECT * FROM scores WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT $${params.length}`,
        params,
      );
      return rows.map(toScore);
    },

    async scoreSeries(projectId, query) {
      if (!(query.bucketSeconds > 0)) {
        throw new SextantError('bad_request', `bucketSeconds must be positive; got ${query.bucketSeconds}`);
      }
      const params: unknown[] = [
        projectId,
        query.start.getTime(),
        query.end.getTime(),
        Math.round(query.bucketSeconds * 1000),
      ];
      const where = ['project_id = $1', 'created_at >= $2', 'created_at < $3'];
      if (query.name !== undefined) {
        params.push(query.name);
        where.push(`name = $${params.length}`);
      }
      if (query.source !== undefined) {
        params.push(query.source);
        where.push(`source = $${params.length}`);
      }
      const { rows } = await pool.query<ScoreSeriesRow>(
        `SELECT * FROM (
           SELECT created_at - (created_at % $4::bigint) AS bucket, ${scoreGroupExpression[query.groupBy ?? 'none']}::text AS grp,
             count(*) AS n, avg(value) AS mean, avg(passed::int) AS pass_rate
           FROM scores WHERE ${where.join(' AND ')}
           GROUP BY 1, 2) AS series
         ORDER BY bucket, grp COLLATE "C"`,
        params,
      );
      return rows.map(toScoreSeriesPoint);
    },
  };
}
