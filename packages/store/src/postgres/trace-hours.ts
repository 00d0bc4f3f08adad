import type pg from 'pg';

/** Same log-scale bins as `latencyBin.sql` (floor of ln(duration) * 40), in PostgreSQL's dialect. */
export const latencyBinSql = (duration: string) => `floor(ln(greatest(${duration}, 1)) * 40)::int`;

/**
 * What each trace row adds to the hourly trace rollup (`trace_hours`): one cell under its name and
 * one under each tag, in its start hour and latency bin. `sign` is 1 to add rows and -1 to take them out.
 */
const contributionsSql = (rows: string) => `
  INSERT INTO trace_hours (project_id, dimension, hour_us, grp, bin, requests, errors, input_tokens,
    output_tokens, cost, priced)
  SELECT t.project_id, d.dimension, t.start_time_us - t.start_time_us % 3600000000, d.grp,
    ${latencyBinSql('t.end_time_us - t.start_time_us')}, $3 * count(*), $3 * sum((t.error_count > 0)::int),
    $3 * sum(t.input_tokens), $3 * sum(t.output_tokens), $3 * coalesce(sum(t.cost), 0), $3 * count(t.cost)
  FROM (${rows}) t
  CROSS JOIN LATERAL (SELECT 'name' AS dimension, t.name AS grp UNION ALL SELECT 'tag', unnest(t.tags)) d
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (project_id, dimension, hour_us, grp, bin) DO UPDATE SET
    requests = trace_hours.requests + excluded.requests,
    errors = trace_hours.errors + excluded.errors,
    input_tokens = trace_hours.input_tokens + excluded.input_tokens,
    output_tokens = trace_hours.output_tokens + excluded.output_tokens,
    cost = trace_hours.cost + excluded.cost,
    priced = trace_hours.priced + excluded.priced
  RETURNING hour_us`;

/** The listed traces as stored now, locked (FOR UPDATE waits for a retention delete and skips what it removed). */
const storedTraces = `SELECT * FROM traces WHERE project_id = $1 AND trace_id = ANY($2::text[])
  ORDER BY trace_id FOR UPDATE`;

/** The backfill for a database written before the rollup existed (a migration step). */
export const backfillTraceHoursSql = contributionsSql('SELECT * FROM traces')
  .replaceAll('$3', '1')
  .replace('RETURNING hour_us', '');

/**
 * Keeps `trace_hours` exact while traces change: a later batch of a trace can move its start, its
 * duration, its errors, tokens, cost, name or tags, so the trace's old cells are taken out before the
 * trace row changes and its new cells added after, in the writer's transaction. `change` runs between.
 * Per-trace advisory locks (key order) keep two batches of one new trace from both seeing it absent.
 */
export async function updatingTraceHours<T>(
  client: pg.PoolClient,
  projectId: string,
  sortedTraceIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  await client.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended($1 || '/' || t, 1))) FROM unnest($2::text[]) AS t`,
    [projectId, sortedTraceIds],
  );
  const hours = new Set<number>();
  const apply = async (sign: number) => {
    const { rows } = await client.query<{ hour_us: string }>(contributionsSql(storedTraces), [
      projectId,
      sortedTraceIds,
      sign,
    ]);
    for (const row of rows) hours.add(Number(row.hour_us));
  };
  await apply(-1);
  const result = await change();
  await apply(1);
  await dropEmptyCells(client, projectId, hours);
  return result;
}

/** Takes traces about to be deleted out of the rollup; the caller holds their row locks. */
export async function removeFromTraceHours(
  client: pg.PoolClient,
  projectId: string,
  traceIds: readonly string[],
): Promise<void> {
  const { rows } = await client.query<{ hour_us: string }>(contributionsSql(storedTraces), [
    projectId,
    traceIds,
    -1,
  ]);
  await dropEmptyCells(client, projectId, new Set(rows.map((row) => Number(row.hour_us))));
}

/** A cell whose traces all moved away must not show up as an empty bucket. */
async function dropEmptyCells(client: pg.PoolClient, projectId: string, hours: ReadonlySet<number>) {
  if (hours.size === 0) return;
  await client.query(
    `DELETE FROM trace_hours WHERE project_id = $1 AND dimension IN ('name', 'tag')
       AND hour_us = ANY($2::bigint[]) AND requests = 0`,
    [projectId, [...hours]],
  );
}
