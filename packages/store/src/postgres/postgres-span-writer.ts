import type { CanonicalSpan } from '@sextant/core';
import type pg from 'pg';
import { modelCallHours } from '../model-call-hours.js';
import { spanColumns, spanSearchText, spanToRow } from '../rows/span-rows.js';
import { rollUpSpans } from '../trace-rollup.js';
import { inTransaction, lockKey } from './postgres-database.js';
import { ensureSpanPartitions } from './span-partitions.js';
import { updatingTraceQuarters } from './trace-quarters.js';

const bigintColumns = new Set([
  'start_time_us',
  'end_time_us',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
]);
const arrayType = (column: string) =>
  bigintColumns.has(column)
    ? 'bigint[]'
    : column === 'cost'
      ? 'float8[]'
      : column === 'cost_estimated'
        ? 'int[]'
        : 'text[]';

/**
 * One statement per batch: every column travels as one array parameter and `unnest` turns them back
 * into rows, so a batch of a thousand spans is one round trip. The conflict target is the primary key.
 */
const insertSpansSql = `
  INSERT INTO spans (${spanColumns.join(', ')}, search)
  SELECT ${spanColumns.map((column) => `u.${column}`).join(', ')},
    CASE WHEN u.body IS NULL THEN NULL ELSE to_tsvector('simple', u.body) END
  FROM unnest(${spanColumns.map((column, index) => `$${index + 1}::${arrayType(column)}`).join(', ')},
    $${spanColumns.length + 1}::text[]) AS u(${spanColumns.join(', ')}, body)
  ON CONFLICT DO NOTHING
  RETURNING trace_id, span_id`;

/** Merges per-trace rollups into the trace rows, as the SQLite writer does one row at a time. */
const upsertTracesSql = `
  INSERT INTO traces (project_id, trace_id, name, has_root, start_time_us, end_time_us, span_count, error_count,
    input_tokens, output_tokens, cost, session_id, user_id, release_id, service_name, tags, models,
    input_preview, output_preview)
  SELECT $1, u.trace_id, u.name, u.has_root, u.start_time_us, u.end_time_us, u.span_count, u.error_count,
    u.input_tokens, u.output_tokens, u.cost, u.session_id, u.user_id, u.release_id, u.service_name,
    ARRAY(SELECT jsonb_array_elements_text(u.tags::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.models::jsonb)),
    u.input_preview, u.output_preview
  FROM unnest($2::text[], $3::text[], $4::boolean[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
    $9::bigint[], $10::bigint[], $11::float8[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
    $17::text[], $18::text[], $19::text[])
    AS u(trace_id, name, has_root, start_time_us, end_time_us, span_count, error_count, input_tokens,
      output_tokens, cost, session_id, user_id, release_id, service_name, tags, models, input_preview, output_preview)
  ON CONFLICT (project_id, trace_id) DO UPDATE SET
    name = CASE WHEN excluded.has_root AND NOT traces.has_root THEN excluded.name ELSE traces.name END,
    input_preview = CASE WHEN excluded.has_root AND NOT traces.has_root
      THEN coalesce(excluded.input_preview, traces.input_preview) ELSE coalesce(traces.input_preview, excluded.input_preview) END,
    output_preview = CASE WHEN excluded.has_root AND NOT traces.has_root
      THEN coalesce(excluded.output_preview, traces.output_preview) ELSE coalesce(traces.output_preview, excluded.output_preview) END,
    has_root = traces.has_root OR excluded.has_root,
    start_time_us = least(traces.start_time_us, excluded.start_time_us),
    end_time_us = greatest(traces.end_time_us, excluded.end_time_us),
    span_count = traces.span_count + excluded.span_count,
    error_count = traces.error_count + excluded.error_count,
    input_tokens = traces.input_tokens + excluded.input_tokens,
    output_tokens = traces.output_tokens + excluded.output_tokens,
    cost = CASE WHEN traces.cost IS NULL AND excluded.cost IS NULL THEN NULL
      ELSE coalesce(traces.cost, 0) + coalesce(excluded.cost, 0) END,
    session_id = coalesce(traces.session_id, excluded.session_id),
    user_id = coalesce(traces.user_id, excluded.user_id),
    release_id = coalesce(traces.release_id, excluded.release_id),
    service_name = coalesce(traces.service_name, excluded.service_name),
    tags = CASE WHEN cardinality(excluded.tags) = 0 THEN traces.tags
      ELSE ARRAY(SELECT DISTINCT x FROM unnest(traces.tags || excluded.tags) x ORDER BY x) END,
    models = CASE WHEN cardinality(excluded.models) = 0 THEN traces.models
      ELSE ARRAY(SELECT DISTINCT x FROM unnest(traces.models || excluded.models) x ORDER BY x) END`;

const insertTagsSql = `
  INSERT INTO trace_tags (project_id, tag, trace_id)
  SELECT $1, u.tag, u.trace_id FROM unnest($2::text[], $3::text[]) AS u(tag, trace_id)
  ON CONFLICT DO NOTHING`;

const addModelCallHoursSql = `
  INSERT INTO model_call_hours (project_id, hour_us, model, bin, requests, errors, input_tokens, output_tokens, cost)
  SELECT $1, u.* FROM unnest($2::bigint[], $3::text[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[],
    $8::bigint[], $9::float8[]) AS u
  ON CONFLICT (project_id, hour_us, model, bin) DO UPDATE SET
    requests = model_call_hours.requests + excluded.requests,
    errors = model_call_hours.errors + excluded.errors,
    input_tokens = model_call_hours.input_tokens + excluded.input_tokens,
    output_tokens = model_call_hours.output_tokens + excluded.output_tokens,
    cost = CASE WHEN model_call_hours.cost IS NULL AND excluded.cost IS NULL THEN NULL
      ELSE coalesce(model_call_hours.cost, 0) + coalesce(excluded.cost, 0) END`;

/** Span kinds and models per trace, for the trace list's filters (one row per trace, not per span). */
const insertPairsSql = (table: string, column: string) => `
  INSERT INTO ${table} (project_id, ${column}, trace_id)
  SELECT $1, u.value, u.trace_id FROM unnest($2::text[], $3::text[]) AS u(value, trace_id)
  ON CONFLICT DO NOTHING`;

/** Unique (value, trace id) pairs in key order, so concurrent batches lock rows in the same order. */
const distinctPairs = (pairs: readonly (readonly [string, string])[]) =>
  [...new Map(pairs.map((pair) => [`${pair[0]}\u0000${pair[1]}`, pair])).values()].sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
  ) as unknown as unknown[][];

/** Deadlock or serialization failure: the whole batch is idempotent, so running it again is safe. */
const isRetryable = (error: unknown) => ['40P01', '40001'].includes((error as { code?: string }).code ?? '');

const columnsOf = (rows: readonly unknown[][], width: number) =>
  Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));

/** Returns the batch insert: spans, trace rollups, tags and the hourly model rollup in one transaction. */
export function createPostgresSpanWriter(pool: pg.Pool, schema: string) {
  const knownPartitions = new Set<string>();

  async function writeOnce(projectId: string, spans: readonly CanonicalSpan[]): Promise<number> {
    return inTransaction(pool, async (client) => {
      // Rows are locked in key order everywhere, so concurrent batches from several servers rarely deadlock.
      const rows = spans.map((span) => [...spanToRow(projectId, span), spanSearchText(span)]);
      const result = await client.query<{ trace_id: string; span_id: string }>(
        insertSpansSql,
        columnsOf(rows, spanColumns.length + 1),
      );
      const inserted = new Set(result.rows.map((row) => `${row.trace_id}/${row.span_id}`));
      const stored = spans.filter((span) => inserted.delete(`${span.traceId}/${span.spanId}`));
      if (stored.length === 0) return 0;

      const rollups = [...rollUpSpans(stored).values()].sort((a, b) => (a.traceId < b.traceId ? -1 : 1));
      const traceRows = rollups.map((rollup) => [
        rollup.traceId,
        rollup.name,
        rollup.hasRoot,
        rollup.startTimeUs,
        rollup.endTimeUs,
        rollup.spanCount,
        rollup.errorCount,
        rollup.inputTokens,
        rollup.outputTokens,
        rollup.cost,
        rollup.sessionId,
        rollup.userId,
        rollup.releaseId,
        rollup.serviceName,
        JSON.stringify([...rollup.tags].sort()),
        JSON.stringify([...rollup.models].sort()),
        rollup.inputPreview,
        rollup.outputPreview,
      ]);
      await updatingTraceQuarters(
        client,
        projectId,
        rollups.map((rollup) => rollup.traceId),
        () => client.query(upsertTracesSql, [projectId, ...columnsOf(traceRows, 18)]),
      );
      const kindRows = distinctPairs(stored.map((span) => [span.kind, span.traceId]));
      await client.query(insertPairsSql('trace_kinds', 'kind'), [projectId, ...columnsOf(kindRows, 2)]);
      const modelRows = distinctPairs(
        stored.flatMap((span) =>
          span.model === null ? [] : [[span.model, span.traceId] as [string, string]],
        ),
      );
      if (modelRows.length > 0) {
        await client.query(insertPairsSql('trace_models', 'model'), [projectId, ...columnsOf(modelRows, 2)]);
      }
      const tagRows = rollups.flatMap((rollup) => [...rollup.tags].map((tag) => [tag, rollup.traceId]));
      if (tagRows.length > 0) await client.query(insertTagsSql, [projectId, ...columnsOf(tagRows, 2)]);
      const cells = modelCallHours(stored)
        .sort(
          (a, b) => a.hourUs - b.hourUs || (a.model < b.model ? -1 : a.model > b.model ? 1 : a.bin - b.bin),
        )
        .map((cell) => [
          cell.hourUs,
          cell.model,
          cell.bin,
          cell.requests,
          cell.errors,
          cell.inputTokens,
          cell.outputTokens,
          cell.cost,
        ]);
      if (cells.length > 0) await client.query(addModelCallHoursSql, [projectId, ...columnsOf(cells, 8)]);
      const roots = stored.filter((span) => span.parentSpanId === null).map((span) => span.traceId);
      if (roots.length > 0) {
        // Last statement before commit, under a lock held until commit: feed numbers become visible in order.
        await lockKey(client, `root-span-feed:${projectId}`);
        await client.query(
          'INSERT INTO root_span_feed (project_id, trace_id) SELECT $1, unnest($2::text[])',
          [projectId, roots],
        );
      }
      return stored.length;
    });
  }

  return async function insertSpans(projectId: string, spans: readonly CanonicalSpan[]): Promise<number> {
    if (spans.length === 0) return 0;
    await ensureSpanPartitions(pool, schema, knownPartitions, spans);
    const ordered = [...spans].sort((a, b) =>
      a.traceId === b.traceId ? (a.spanId < b.spanId ? -1 : 1) : a.traceId < b.traceId ? -1 : 1,
    );
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await writeOnce(projectId, ordered);
      } catch (error) {
        if (attempt >= 5 || !isRetryable(error)) throw error;
      }
    }
  };
}
