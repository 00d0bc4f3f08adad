import type { Score, ScoreSeriesPoint } from '@sextant/core';
import { fromStoredBoolean, type StoredBoolean } from './stored-boolean.js';

export interface ScoreRow {
  id: string;
  trace_id: string;
  span_id: string | null;
  name: string;
  value: number;
  label: string | null;
  passed: StoredBoolean | null;
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
export function toScore(row: ScoreRow): Score {
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
  if (row.passed !== null) score.passed = fromStoredBoolean(row.passed);
  if (row.explanation !== null) score.explanation = row.explanation;
  if (row.comment !== null) score.comment = row.comment;
  if (row.evaluator_name !== null) score.evaluatorName = row.evaluator_name;
  if (row.evaluator_version !== null) score.evaluatorVersion = row.evaluator_version;
  if (row.author !== null) score.author = row.author;
  if (row.experiment_id !== null) score.experimentId = row.experiment_id;
  return score;
}

/**
 * SQL (the same in both dialects) for the group of a scored trace: taken from any of its spans that
 * carries a release or prompt.
 */
export const scoreGroupExpression = {
  none: "''",
  name: 'name',
  release: `coalesce((SELECT release_id FROM spans s WHERE s.project_id = scores.project_id
    AND s.trace_id = scores.trace_id AND s.release_id IS NOT NULL LIMIT 1), '(none)')`,
  prompt: `coalesce((SELECT prompt_name || '@' || coalesce(prompt_version, '?') FROM spans s
    WHERE s.project_id = scores.project_id AND s.trace_id = scores.trace_id AND s.prompt_name IS NOT NULL
    LIMIT 1), '(none)')`,
} as const;

/** One (bucket, group) cell of a score series. */
export interface ScoreSeriesRow {
  bucket: number;
  grp: string;
  n: number;
  mean: number;
  pass_rate: number | null;
}

export const toScoreSeriesPoint = (row: ScoreSeriesRow): ScoreSeriesPoint => ({
  bucketStart: new Date(row.bucket),
  group: row.grp,
  count: row.n,
  mean: row.mean,
  passRate: row.pass_rate,
});
