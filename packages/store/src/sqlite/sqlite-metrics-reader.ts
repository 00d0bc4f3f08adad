import type { MetricsQuery, MetricsResult } from '@sextant/core';
import type Database from 'better-sqlite3';
import { latencyBin } from '../latency-histogram.js';
import { rollupHours } from '../model-call-hours.js';
import { type BinRow, toMetricsResult } from '../rows/metric-bin-rows.js';

/** Model calls (llm and embedding spans) starting in [low, high), given as SQL parameters. */
function modelCallsBetween(low: string, high: string) {
  return `SELECT start_time_us AS time, coalesce(model, '(unknown)') AS grp, end_time_us - start_time_us AS duration,
            status = 'error' AS failed, coalesce(input_tokens, 0) AS input_tokens,
            coalesce(output_tokens, 0) AS output_tokens, cost
          FROM spans WHERE project_id = @project AND kind IN ('llm', 'embedding')
            AND start_time_us >= ${low} AND start_time_us < ${high}`;
}

/**
 * What one request is, per grouping: a trace (none, name, tag) or a model call (model).
 * Each source yields (time, grp, duration, failed, tokens, cost) rows for the window, read from
 * covering indexes. Cost stays null for unpriced requests: SQL's sum() skips nulls and is null when all are.
 */
const sources: Record<MetricsQuery['groupBy'], string> = {
  none: `SELECT start_time_us AS time, NULL AS grp, end_time_us - start_time_us AS duration, error_count > 0 AS failed,
           input_tokens, output_tokens, cost
         FROM traces WHERE project_id = @project AND start_time_us >= @from AND start_time_us < @to`,
  name: `SELECT start_time_us AS time, name AS grp, end_time_us - start_time_us AS duration, error_count > 0 AS failed,
           input_tokens, output_tokens, cost
         FROM traces WHERE project_id = @project AND start_time_us >= @from AND start_time_us < @to`,
  tag: `SELECT t.start_time_us AS time, g.tag AS grp, t.end_time_us - t.start_time_us AS duration,
          t.error_count > 0 AS failed, t.input_tokens, t.output_tokens, t.cost AS cost
        FROM traces t JOIN trace_tags g ON g.project_id = t.project_id AND g.trace_id = t.trace_id
        WHERE t.project_id = @project AND t.start_time_us >= @from AND t.start_time_us < @to`,
  model: modelCallsBetween('@from', '@to'),
};

/** Sums per (bucket, group, latency bin): percentiles come from the bins, so no per-row sort is needed. */
const metricsSql = (source: string) => `
  SELECT (time / @bucket) * @bucket AS bucket, grp, ${latencyBin.sql('duration')} AS bin,
         count(*) AS requests, sum(failed) AS errors, sum(input_tokens) AS input_tokens,
         sum(output_tokens) AS output_tokens, sum(cost) AS cost
  FROM (${source}) GROUP BY 1, 2, 3`;

/**
 * Model calls over whole hours come from the hourly rollup; only the partial hours at the window's edges
 * are read from spans. Same rows as `metricsSql(sources.model)`, far fewer reads on long windows.
 */
const modelRollupSql = `
  SELECT (hour_us / @bucket) * @bucket AS bucket, model AS grp, bin, sum(requests) AS requests,
         sum(errors) AS errors, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
         sum(cost) AS cost
  FROM model_call_hours WHERE project_id = @project AND hour_us >= @first AND hour_us < @end
  GROUP BY 1, 2, 3
  UNION ALL ${metricsSql(modelCallsBetween('@from', '@first'))}
  UNION ALL ${metricsSql(modelCallsBetween('@end', '@to'))}`;

export function createSqliteMetricsReader(db: Database.Database) {
  const statements = Object.fromEntries(
    Object.entries(sources).map(([groupBy, source]) => [groupBy, db.prepare(metricsSql(source))]),
  ) as Record<MetricsQuery['groupBy'], Database.Statement>;
  const modelRollup = db.prepare(modelRollupSql);

  return function queryMetrics(projectId: string, query: MetricsQuery): MetricsResult {
    const from = query.from.getTime() * 1000;
    const to = query.to.getTime() * 1000;
    // Bound as a BigInt so SQLite divides integers (a JS number would bind as a float).
    const parameters = { project: projectId, from, to, bucket: BigInt(query.bucketSeconds) * 1_000_000n };
    const hours = query.groupBy === 'model' ? rollupHours(from, to, query.bucketSeconds) : null;
    const rows = (
      hours ? modelRollup.all({ ...parameters, ...hours }) : statements[query.groupBy].all(parameters)
    ) as BinRow[];
    return toMetricsResult(rows, query.bucketSeconds);
  };
}
