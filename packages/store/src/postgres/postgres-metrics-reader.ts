import type { MetricsQuery, MetricsResult } from '@sextant/core';
import type pg from 'pg';
import { rollupHours } from '../model-call-hours.js';
import { type BinRow, foldBins } from '../sqlite/sqlite-metrics-reader.js';

/** Same log-scale bins as `latencyBin.sql` (floor of ln(duration) * 40), in PostgreSQL's dialect. */
const bin = (duration: string) => `floor(ln(greatest(${duration}, 1)) * 40)::int`;

/** Model calls starting in [low, high). Parameters: $1 project, $2 from, $3 to, $4 bucket, $5/$6 whole hours. */
const modelCallsBetween = (low: string, high: string) =>
  `SELECT start_time_us AS time, coalesce(model, '(unknown)') AS grp, end_time_us - start_time_us AS duration,
          (status = 'error')::int AS failed, coalesce(input_tokens, 0) AS input_tokens,
          coalesce(output_tokens, 0) AS output_tokens, cost
   FROM spans WHERE project_id = $1 AND kind IN ('llm', 'embedding')
     AND start_time_us >= ${low} AND start_time_us < ${high}`;

const traceSource = (group: string) =>
  `SELECT start_time_us AS time, ${group} AS grp, end_time_us - start_time_us AS duration,
          (error_count > 0)::int AS failed, input_tokens, output_tokens, cost
   FROM traces WHERE project_id = $1 AND start_time_us >= $2 AND start_time_us < $3`;

/** What one request is per grouping: a trace (none, name, tag) or a model call (model); see the SQLite reader. */
const sources: Record<MetricsQuery['groupBy'], string> = {
  none: traceSource('NULL::text'),
  name: traceSource('name'),
  tag: `SELECT t.start_time_us AS time, g.tag AS grp, t.end_time_us - t.start_time_us AS duration,
          (t.error_count > 0)::int AS failed, t.input_tokens, t.output_tokens, t.cost
        FROM traces t JOIN trace_tags g ON g.project_id = t.project_id AND g.trace_id = t.trace_id
        WHERE t.project_id = $1 AND t.start_time_us >= $2 AND t.start_time_us < $3`,
  model: modelCallsBetween('$2', '$3'),
};

const metricsSql = (source: string) => `
  SELECT (time / $4::bigint) * $4::bigint AS bucket, grp, ${bin('duration')} AS bin,
         count(*) AS requests, sum(failed) AS errors, sum(input_tokens) AS input_tokens,
         sum(output_tokens) AS output_tokens, sum(cost) AS cost
  FROM (${source}) AS requests GROUP BY 1, 2, 3`;

const modelRollupSql = `
  SELECT (hour_us / $4::bigint) * $4::bigint AS bucket, model AS grp, bin, sum(requests) AS requests,
         sum(errors) AS errors, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
         sum(cost) AS cost
  FROM model_call_hours WHERE project_id = $1 AND hour_us >= $5 AND hour_us < $6
  GROUP BY 1, 2, 3
  UNION ALL ${metricsSql(modelCallsBetween('$2', '$5'))}
  UNION ALL ${metricsSql(modelCallsBetween('$6', '$3'))}`;

/** Aggregates in SQL to (bucket, group, latency bin) rows; percentiles are read from the bins. */
export function createPostgresMetricsReader(pool: pg.Pool) {
  return async function queryMetrics(projectId: string, query: MetricsQuery): Promise<MetricsResult> {
    const from = query.from.getTime() * 1000;
    const to = query.to.getTime() * 1000;
    const parameters = [projectId, from, to, query.bucketSeconds * 1_000_000];
    const hours = query.groupBy === 'model' ? rollupHours(from, to, query.bucketSeconds) : null;
    const { rows } = hours
      ? await pool.query<BinRow>(modelRollupSql, [...parameters, hours.first, hours.end])
      : await pool.query<BinRow>(metricsSql(sources[query.groupBy]), parameters);
    const points = foldBins(rows);
    const groups = [
      ...new Set(points.map((point) => point.group).filter((group): group is string => group !== null)),
    ];
    return { bucketSeconds: query.bucketSeconds, groups, points };
  };
}
