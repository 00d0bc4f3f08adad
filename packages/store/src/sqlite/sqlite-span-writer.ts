import type { CanonicalSpan } from '@sextant/core';
import type Database from 'better-sqlite3';
import { type ModelCallHour, modelCallHours } from '../model-call-hours.js';
import { spanColumns, spanToRow } from '../rows/span-rows.js';
import type { PreparedSpans } from '../store.js';
import { rollUpSpans, type TraceRollup } from '../trace-rollup.js';
import { kindsBitmask } from './trace-kind-bits.js';
import { traceSearchTexts } from './trace-search-text.js';

/** Prepares the statements once and returns a transactional insert of one or more prepared batches. */
export function createSqliteSpanWriter(db: Database.Database): (batches: readonly PreparedSpans[]) => number {
  const insertSpan = db.prepare(
    `INSERT INTO spans (${spanColumns.join(', ')}) VALUES (${spanColumns.map(() => '?').join(', ')})
     ON CONFLICT DO NOTHING`,
  );
  const insertText = db.prepare('INSERT INTO spans_fts (rowid, body) VALUES (?, ?)');
  const upsertTrace = db.prepare(upsertTraceSql);
  const insertTag = db.prepare(
    'INSERT OR IGNORE INTO trace_tags (project_id, tag, trace_id) VALUES (?, ?, ?)',
  );
  const addModelCallHour = db.prepare(addModelCallHourSql);

  const writeBatch = (batch: SqlitePreparedSpans) => {
    const { projectId, spans, rows } = batch;
    let stored: CanonicalSpan[] | null = null; // set only when some span was already stored
    // A trace's search entry is keyed by the rowid of its first new span: deleting the trace's spans'
    // rowids deletes it, and search maps it back to the trace.
    const entryRowids = new Map<string, number | bigint>();
    for (let index = 0; index < rows.length; index++) {
      const result = insertSpan.run(rows[index]);
      const span = spans[index] as CanonicalSpan;
      if (result.changes === 0) {
        stored ??= spans.slice(0, index); // idempotent re-send: this span must not count again
        continue;
      }
      stored?.push(span);
      if (!entryRowids.has(span.traceId)) entryRowids.set(span.traceId, result.lastInsertRowid);
    }
    const texts = stored ? traceSearchTexts(stored) : batch.texts;
    for (const [traceId, text] of texts) insertText.run(entryRowids.get(traceId), text);
    const rollups = stored ? rollUpSpans(stored) : batch.rollups;
    const hours = stored ? modelCallHours(stored) : batch.hours;
    for (const rollup of rollups.values()) {
      upsertTrace.run(traceParams(projectId, rollup));
      for (const tag of rollup.tags) insertTag.run(projectId, tag, rollup.traceId);
    }
    for (const cell of hours) {
      addModelCallHour.run(
        projectId,
        cell.hourUs,
        cell.model,
        cell.bin,
        cell.requests,
        cell.errors,
        cell.inputTokens,
        cell.outputTokens,
        cell.cost,
      );
    }
    return stored ? stored.length : spans.length;
  };

  // One transaction for every batch: a commit costs the same for one batch as for several.
  const writeBatches = db.transaction((batches: readonly PreparedSpans[]) =>
    batches.reduce((inserted, batch) => inserted + writeBatch(asSqliteBatch(batch)), 0),
  );
  return writeBatches;
}

/** Spans encoded as rows, search text and rollups: everything but the write itself. */
interface SqlitePreparedSpans extends PreparedSpans {
  rows: unknown[][];
  /** Search text per trace, assuming every span is new like the rollups. */
  texts: Map<string, string>;
  /** Rollups and model-call cells assuming every span is new; recomputed when some were stored before. */
  rollups: Map<string, TraceRollup>;
  hours: ModelCallHour[];
}

/**
 * The CPU half of a span write, with no database access: ingestion runs it before its turn at the
 * single SQLite writer, so the turn itself is only the inserts.
 */
export function prepareSqliteSpans(projectId: string, spans: readonly CanonicalSpan[]): SqlitePreparedSpans {
  return {
    projectId,
    spans,
    rows: spans.map((span) => spanToRow(projectId, span)),
    texts: traceSearchTexts(spans),
    rollups: rollUpSpans(spans),
    hours: modelCallHours(spans),
  };
}

/** A batch prepared by another adapter (or by hand) is prepared again here. */
const asSqliteBatch = (batch: PreparedSpans): SqlitePreparedSpans =>
  'rows' in batch ? (batch as SqlitePreparedSpans) : prepareSqliteSpans(batch.projectId, batch.spans);

function traceParams(projectId: string, rollup: TraceRollup) {
  return {
    project_id: projectId,
    trace_id: rollup.traceId,
    name: rollup.name,
    has_root: rollup.hasRoot ? 1 : 0,
    start_time_us: rollup.startTimeUs,
    end_time_us: rollup.endTimeUs,
    span_count: rollup.spanCount,
    error_count: rollup.errorCount,
    input_tokens: rollup.inputTokens,
    output_tokens: rollup.outputTokens,
    cost: rollup.cost,
    session_id: rollup.sessionId,
    user_id: rollup.userId,
    release_id: rollup.releaseId,
    service_name: rollup.serviceName,
    tags: JSON.stringify([...rollup.tags]),
    models: JSON.stringify([...rollup.models]),
    input_preview: rollup.inputPreview,
    output_preview: rollup.outputPreview,
    kinds: kindsBitmask(rollup.kinds),
  };
}

/** Merges a rollup into the stored trace row: sums add, times widen, the root span names the trace. */
const upsertTraceSql = `
  INSERT INTO traces (project_id, trace_id, name, has_root, start_time_us, end_time_us, span_count, error_count,
    input_tokens, output_tokens, cost, session_id, user_id, release_id, service_name, tags, models,
    input_preview, output_preview, kinds)
  VALUES (@project_id, @trace_id, @name, @has_root, @start_time_us, @end_time_us, @span_count, @error_count,
    @input_tokens, @output_tokens, @cost, @session_id, @user_id, @release_id, @service_name, @tags, @models,
    @input_preview, @output_preview, @kinds)
  ON CONFLICT (project_id, trace_id) DO UPDATE SET
    name = CASE WHEN excluded.has_root AND NOT traces.has_root THEN excluded.name ELSE traces.name END,
    input_preview = CASE WHEN excluded.has_root AND NOT traces.has_root
      THEN coalesce(excluded.input_preview, traces.input_preview) ELSE coalesce(traces.input_preview, excluded.input_preview) END,
    output_preview = CASE WHEN excluded.has_root AND NOT traces.has_root
      THEN coalesce(excluded.output_preview, traces.output_preview) ELSE coalesce(traces.output_preview, excluded.output_preview) END,
    has_root = max(traces.has_root, excluded.has_root),
    kinds = traces.kinds | excluded.kinds,
    start_time_us = min(traces.start_time_us, excluded.start_time_us),
    end_time_us = max(traces.end_time_us, excluded.end_time_us),
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
    tags = CASE WHEN excluded.tags = '[]' THEN traces.tags ELSE (SELECT json_group_array(value) FROM
      (SELECT value FROM json_each(traces.tags) UNION SELECT value FROM json_each(excluded.tags))) END,
    models = CASE WHEN excluded.models = '[]' THEN traces.models ELSE (SELECT json_group_array(value) FROM
      (SELECT value FROM json_each(traces.models) UNION SELECT value FROM json_each(excluded.models))) END
`;

/** Adds a batch's cell to the hourly model-call rollup; a cost stays null until some call had one. */
const addModelCallHourSql = `
  INSERT INTO model_call_hours (project_id, hour_us, model, bin, requests, errors, input_tokens, output_tokens, cost)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (project_id, hour_us, model, bin) DO UPDATE SET
    requests = requests + excluded.requests,
    errors = errors + excluded.errors,
    input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    cost = CASE WHEN cost IS NULL AND excluded.cost IS NULL THEN NULL
      ELSE coalesce(cost, 0) + coalesce(excluded.cost, 0) END
`;
