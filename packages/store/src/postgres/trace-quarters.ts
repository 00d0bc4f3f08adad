import type pg from 'pg';
import { inTransaction } from './postgres-database.js';

/** Same log-scale bins as `latencyBin.sql` (floor of ln(duration) * 40), in PostgreSQL's dialect. */
export const latencyBinSql = (duration: string) => `floor(ln(greatest(${duration}, 1)) * 40)::int`;

/** The trace rollup's unit: a quarter hour, so 15-minute, hourly and daily buckets can all be read from it. */
export const quarterUs = 900_000_000;

/**
 * What each trace row adds to the trace rollup (`trace_quarters`): one cell under its name and
 * one under each tag, in its start quarter hour and latency bin. `sign` is 1 to add rows and -1 to take them out.
 */
const contributionsSql = (rows: string) => `
  INSERT INTO trace_quarters (project_id, dimension, quarter_us, grp, bin, requests, errors, input_tokens,
    output_tokens, cost, priced)
  SELECT t.project_id, d.dimension, t.start_time_us - t.start_time_us % ${quarterUs}, d.grp,
    ${latencyBinSql('t.end_time_us - t.start_time_us')}, $3 * count(*), $3 * sum((t.error_count > 0)::int),
    $3 * sum(t.input_tokens), $3 * sum(t.output_tokens), $3 * coalesce(sum(t.cost), 0), $3 * count(t.cost)
  FROM (${rows}) t
  CROSS JOIN LATERAL (SELECT 'name' AS dimension, t.name AS grp UNION ALL SELECT 'tag', unnest(t.tags)) d
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_id, dimension, quarter_us, grp, bin) DO UPDATE SET
    requests = trace_quarters.requests + excluded.requests,
    errors = trace_quarters.errors + excluded.errors,
    input_tokens = trace_quarters.input_tokens + excluded.input_tokens,
    output_tokens = trace_quarters.output_tokens + excluded.output_tokens,
    cost = trace_quarters.cost + excluded.cost,
    priced = trace_quarters.priced + excluded.priced
  RETURNING quarter_us`;

/** The listed traces as stored now, locked (FOR UPDATE waits for a retention delete and skips what it removed). */
const storedTraces = `SELECT * FROM traces WHERE project_id = $1 AND trace_id = ANY($2::text[])
  ORDER BY trace_id FOR UPDATE`;

/** The backfill for a database written before the rollup existed (a migration step). */
export const backfillTraceQuartersSql = contributionsSql('SELECT * FROM traces')
  .replaceAll('$3', '1')
  .replace('RETURNING quarter_us', '');

/** Recomputes the rollup from the traces table, for traces written around the span writer (`db migrate`). */
export async function rebuildTraceQuarters(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM trace_quarters');
    await client.query(backfillTraceQuartersSql);
  });
}

/**
 * Splits a window into whole quarter hours served by the rollup and the partial edges read from traces,
 * or null when a bucket would cut a quarter hour in two or no whole quarter hour fits (as `rollupHours`).
 */
export function rollupQuarters(fromUs: number, toUs: number, bucketSeconds: number) {
  if ((bucketSeconds * 1_000_000) % quarterUs !== 0) return null;
  const first = Math.ceil(fromUs / quarterUs) * quarterUs;
  const end = Math.floor(toUs / quarterUs) * quarterUs;
  return first < end ? { first, end } : null;
}

/**
 * Keeps `trace_quarters` exact while traces change: a later batch of a trace can move its start, its
 * duration, its errors, tokens, cost, name or tags, so the trace's old cells are taken out before the
 * trace row changes and its new cells added after, in the writer's transaction. `change` runs between.
 * Per-trace advisory locks (key order) keep two batches of one new trace from both seeing it absent.
 */
export async function updatingTraceQuarters<T>(
  client: pg.PoolClient,
  projectId: string,
  sortedTraceIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  await client.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended($1 || '/' || t, 1))) FROM unnest($2::text[]) AS t`,
    [projectId, sortedTraceIds],
  );
  const apply = (sign: number) =>
    client.query<{ quarter_us: string }>(contributionsSql(storedTraces), [projectId, sortedTraceIds, sign]);
  // Only a cell taken from can end empty: a batch of new traces (the usual case) skips the cleanup.
  const taken = await apply(-1);
  const result = await change();
  await apply(1);
  await dropEmptyCells(client, projectId, new Set(taken.rows.map((row) => Number(row.quarter_us))));
  return result;
}

/** Takes traces about to be deleted out of the rollup; the caller holds their row locks. */
export async function removeFromTraceQuarters(
  client: pg.PoolClient,
  projectId: string,
  traceIds: readonly string[],
): Promise<void> {
  const { rows } = await client.query<{ quarter_us: string }>(contributionsSql(storedTraces), [
    projectId,
    traceIds,
    -1,
  ]);
  await dropEmptyCells(client, projectId, new Set(rows.map((row) => Number(row.quarter_us))));
}

/** A cell whose traces all moved away must not show up as an empty bucket. */
async function dropEmptyCells(client: pg.PoolClient, projectId: string, quarters: ReadonlySet<number>) {
  if (quarters.size === 0) return;
  await client.query(
    `DELETE FROM trace_quarters WHERE project_id = $1 AND dimension IN ('name', 'tag')
       AND quarter_us = ANY($2::bigint[]) AND requests = 0`,
    [projectId, [...quarters]],
  );
}
