import type { TracePage, TraceSummary } from '@sextant/core';
import { encodeTraceCursor } from '../trace-cursor.js';

/**
 * A `traces` row with the list's sort value. `List` is how the driver returns the tags and models
 * columns: JSON text from SQLite, a text[] array from PostgreSQL.
 */
export interface TraceRow<List> {
  trace_id: string;
  name: string;
  start_time_us: number;
  end_time_us: number;
  span_count: number;
  error_count: number;
  input_tokens: number;
  output_tokens: number;
  cost: number | null;
  session_id: string | null;
  user_id: string | null;
  release_id: string | null;
  service_name: string | null;
  tags: List;
  models: List;
  input_preview: string | null;
  output_preview: string | null;
  sort_value: number | string;
}

/** `toList` turns the adapter's tags and models columns into arrays. */
export function toTraceSummary<List>(row: TraceRow<List>, toList: (value: List) => string[]): TraceSummary {
  return {
    traceId: row.trace_id,
    name: row.name,
    startTimeUs: row.start_time_us,
    endTimeUs: row.end_time_us,
    durationMs: (row.end_time_us - row.start_time_us) / 1000,
    status: row.error_count > 0 ? 'error' : 'ok',
    spanCount: row.span_count,
    errorCount: row.error_count,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    totalTokens: row.input_tokens + row.output_tokens,
    cost: row.cost,
    sessionId: row.session_id,
    userId: row.user_id,
    releaseId: row.release_id,
    tags: toList(row.tags),
    models: toList(row.models),
    serviceName: row.service_name,
    inputPreview: row.input_preview,
    outputPreview: row.output_preview,
  };
}

/** A page of `limit` traces from up to `limit + 1` rows; the extra row says there is a next page. */
export function toTracePage<List>(
  rows: readonly TraceRow<List>[],
  limit: number,
  toList: (value: List) => string[],
): TracePage {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    traces: page.map((row) => toTraceSummary(row, toList)),
    nextCursor:
      rows.length > limit && last
        ? encodeTraceCursor({ value: last.sort_value, traceId: last.trace_id })
        : null,
  };
}
