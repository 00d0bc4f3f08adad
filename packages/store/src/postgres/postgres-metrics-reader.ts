import type { MetricsQuery, MetricsResult } from '@sextant/core';
import type pg from 'pg';
import { rollupHours } from '../model-call-hours.js';
import { type BinRow, toMetricsResult } from '../rows/metric-bin-rows.js';
import { latencyBinSql, rollupQuarters } from './trace-quarters.js';

/** Model calls starting in [low, high). Parameters: $1 project, $2 from, $3 to, $4 bucket, $5/$6 whole hours. */
const modelCallsBetween = (low: string, high: string) =>
  `SELECT start_time_us AS time, coalesce(model, '(unknown)') AS grp, end_time_us - start_time_us AS duration,
          (status = 'error')::int AS failed, coalesce(input_tokens, 0) AS input_tokens,
          coalesce(output_tokens, 0) AS output_tokens, cost
   FROM spans WHERE project_id = $1 AND kind IN ('llm', 'embedding')
     AND start_time_us >= ${low} AND start_time_us < ${high}`;

const tracesBetween = (group: string) => (low: string, high: string) =>
  `SELECT start_time_us AS time, ${group} AS grp, end_time_us - start_time_us AS duration,
          (error_count > 0)::int AS failed, input_tokens, output_tokens, cost
   FROM traces WHERE project_id = $1 AND start_time_us >= ${low} AND start_time_us < ${high}`;

/** What one request is per grouping: a trace (none, name, tag) or a model call (model); see the SQLite reader. */
const sourcesBetween: Record<MetricsQuery['groupBy'], (low: string, high: string) => string> = {
  none: tracesBetween('NULL::text'),
  name: tracesBetween('name'),
  tag: (
    low,
    high,
  ) => `SELECT t.start_time_us AS time, g.tag AS grp, t.end_time_us - t.start_time_us AS duration,
          (t.error_count > 0)::int AS failed, t.input_tokens, t.output_tokens, t.cost
        FROM traces t JOIN trace_tags g ON g.project_id = t.project_id AND g.trace_id = t.trace_id
        WHERE t.project_id = $1 AND t.start_time_us >= ${low} AND t.start_time_us < ${high}`,
  model: modelCallsBetween,
};

const metricsSql = (source: string) => `
  SELECT (time / $4::bigint) * $4::bigint AS bucket, grp, ${latencyBinSql('duration')} AS bin,
         count(*) AS requests, sum(failed) AS errors, sum(input_tokens) AS input_tokens,
         sum(output_tokens) AS output_tokens, sum(cost) AS cost
  FROM (${source}) AS requests GROUP BY 1, 2, 3`;

/** Whole rollup units ($5 to $6) from a rollup, the partial hours at the window's edges from `source`. */
const withRollup = (rollup: string, source: (low: string, high: string) => string) => `
  ${rollup}
  UNION ALL ${metricsSql(source('$2', '$5'))}
  UNION ALL ${metricsSql(source('$6', '$3'))}`;

const rollupCells = (table: string, time: string, group: string, where = '') => `
  SELECT (${time} / $4::bigint) * $4::bigint AS bucket, ${group} AS grp, bin, sum(requests) AS requests,
         sum(errors) AS errors, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
         ${table === 'trace_quarters' ? 'CASE WHEN sum(priced) = 0 THEN NULL ELSE sum(cost) END' : 'sum(cost)'} AS cost
  FROM ${table} WHERE project_id = $1 ${where} AND ${time} >= $5 AND ${time} < $6
  GROUP BY 1, 2, 3`;

const traceCells = (group: string, dimension: 'name' | 'tag') =>
  rollupCells('trace_quarters', 'quarter_us', group, `AND dimension = '${dimension}'`);

/** The same rows as `metricsSql(sourcesBetween[groupBy])`, read from the rollups where whole units allow. */
const rollupSql: Record<MetricsQuery['groupBy'], string> = {
  // Every trace has one 'name' cell, so the ungrouped dashboard sums those.
  none: withRollup(traceCells('NULL::text', 'name'), sourcesBetween.none),
  name: withRollup(traceCells('grp', 'name'), sourcesBetween.name),
  tag: withRollup(traceCells('grp', 'tag'), sourcesBetween.tag),
  model: withRollup(rollupCells('model_call_hours', 'hour_us', 'model'), modelCallsBetween),
};

/** Aggregates in SQL to (bucket, group, latency bin) rows; percentiles are read from the bins. */
export function createPostgresMetricsReader(pool: pg.Pool) {
  return async function queryMetrics(projectId: string, query: MetricsQuery): Promise<MetricsResult> {
    const from = query.from.getTime() * 1000;
    const to = query.to.getTime() * 1000;
    const parameters = [projectId, from, to, query.bucketSeconds * 1_000_000];
    // Model calls roll up by the hour, traces by the quarter hour (see trace-quarters.ts).
    const whole = (query.groupBy === 'model' ? rollupHours : rollupQuarters)(from, to, query.bucketSeconds);
    const { rows } = whole
      ? await pool.query<BinRow>(rollupSql[query.groupBy], [...parameters, whole.first, whole.end])
      : await pool.query<BinRow>(metricsSql(sourcesBetween[query.groupBy]('$2', '$3')), parameters);
    return toMetricsResult(rows, query.bucketSeconds);
  };
}
