import type { MetricPoint, MetricsQuery, MetricsResult } from '@sextant/core';
import type Database from 'better-sqlite3';

interface MetricRow {
  bucket: number;
  grp: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  p50: number;
  p95: number;
  p99: number;
}

/**
 * What one request is, per grouping: a trace (none, name, tag) or a model call (model).
 * Each source yields rows of (time, grp, duration, failed, tokens, cost) for the window.
 */
const sources: Record<MetricsQuery['groupBy'], string> = {
  none: `SELECT start_time_us AS time, NULL AS grp, end_time_us - start_time_us AS duration, error_count > 0 AS failed,
           input_tokens, output_tokens, coalesce(cost, 0) AS cost
         FROM traces WHERE project_id = @project AND start_time_us >= @from AND start_time_us < @to`,
  name: `SELECT start_time_us AS time, name AS grp, end_time_us - start_time_us AS duration, error_count > 0 AS failed,
           input_tokens, output_tokens, coalesce(cost, 0) AS cost
         FROM traces WHERE project_id = @project AND start_time_us >= @from AND start_time_us < @to`,
  tag: `SELECT t.start_time_us AS time, g.tag AS grp, t.end_time_us - t.start_time_us AS duration,
          t.error_count > 0 AS failed, t.input_tokens, t.output_tokens, coalesce(t.cost, 0) AS cost
        FROM traces t JOIN trace_tags g ON g.project_id = t.project_id AND g.trace_id = t.trace_id
        WHERE t.project_id = @project AND t.start_time_us >= @from AND t.start_time_us < @to`,
  model: `SELECT start_time_us AS time, coalesce(model, '(unknown)') AS grp, end_time_us - start_time_us AS duration,
            status = 'error' AS failed, coalesce(input_tokens, 0) AS input_tokens,
            coalesce(output_tokens, 0) AS output_tokens, coalesce(cost, 0) AS cost
          FROM spans WHERE project_id = @project AND kind IN ('llm', 'embedding')
            AND start_time_us >= @from AND start_time_us < @to`,
};

/**
 * Percentiles are nearest-rank: the smallest duration whose rank reaches p% of the bucket's count,
 * computed with window functions so the store, not the caller, does the work.
 */
const metricsSql = (source: string) => `
  WITH requests AS (SELECT (time / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS bucket, grp, duration, failed, input_tokens, output_tokens, cost
                    FROM (${source})),
  ranked AS (SELECT *, row_number() OVER (PARTITION BY bucket, grp ORDER BY duration) AS rank,
                   count(*) OVER (PARTITION BY bucket, grp) AS n FROM requests)
  SELECT bucket, grp, count(*) AS requests, sum(failed) AS errors, sum(input_tokens) AS input_tokens,
         sum(output_tokens) AS output_tokens, sum(cost) AS cost,
         min(CASE WHEN rank * 100 >= n * 50 THEN duration END) AS p50,
         min(CASE WHEN rank * 100 >= n * 95 THEN duration END) AS p95,
         min(CASE WHEN rank * 100 >= n * 99 THEN duration END) AS p99
  FROM ranked GROUP BY bucket, grp ORDER BY bucket, grp`;

export function createSqliteMetricsReader(db: Database.Database) {
  const statements = Object.fromEntries(
    Object.entries(sources).map(([groupBy, source]) => [groupBy, db.prepare(metricsSql(source))]),
  ) as Record<MetricsQuery['groupBy'], Database.Statement>;

  return function queryMetrics(projectId: string, query: MetricsQuery): MetricsResult {
    const bucketUs = query.bucketSeconds * 1_000_000;
    const rows = statements[query.groupBy].all({
      project: projectId,
      from: query.from.getTime() * 1000,
      to: query.to.getTime() * 1000,
      bucket: bucketUs,
    }) as MetricRow[];
    const points: MetricPoint[] = rows.map((row) => ({
      time: row.bucket / 1000,
      group: row.grp,
      requests: row.requests,
      errors: row.errors,
      errorRate: row.requests > 0 ? row.errors / row.requests : 0,
      latencyP50Ms: row.p50 / 1000,
      latencyP95Ms: row.p95 / 1000,
      latencyP99Ms: row.p99 / 1000,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      cost: row.cost,
    }));
    const groups = [
      ...new Set(points.map((point) => point.group).filter((group): group is string => group !== null)),
    ];
    return { bucketSeconds: query.bucketSeconds, groups, points };
  };
}
