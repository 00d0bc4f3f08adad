import type { SpanContent } from '@sextant/core';
import { type DriftMonitor, driftMonitorInputSchema } from '@sextant/core/drift';
import type { DriftReportRecord, DriftSpan } from '../drift-store.js';
import { fromStoredBoolean, type StoredBoolean } from './stored-boolean.js';

/** A span joined with its trace's tags (JSON text) for a drift window. */
export interface DriftSpanRow {
  trace_id: string;
  span_id: string;
  start_time_us: number;
  end_time_us: number;
  model: string | null;
  tool_name: string | null;
  tags: string;
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  release_id: string | null;
  input: string | null;
  output: string | null;
}
export interface DriftReportRow {
  id: string;
  monitor_id: string;
  created_at: number;
  window_start: number;
  window_end: number;
  drifted: StoredBoolean;
  body: string;
}
export interface DriftMonitorRow {
  id: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

const parseContent = (value: string | null) => (value === null ? null : (JSON.parse(value) as SpanContent));

export const toDriftSpan = (row: DriftSpanRow): DriftSpan => ({
  traceId: row.trace_id,
  spanId: row.span_id,
  startTimeUs: row.start_time_us,
  durationMs: (row.end_time_us - row.start_time_us) / 1000,
  model: row.model,
  toolName: row.tool_name,
  tags: JSON.parse(row.tags) as string[],
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  cost: row.cost,
  releaseId: row.release_id,
  input: parseContent(row.input),
  output: parseContent(row.output),
});

export const toDriftReport = (row: DriftReportRow): DriftReportRecord => ({
  id: row.id,
  monitorId: row.monitor_id,
  createdAt: new Date(row.created_at),
  windowStart: new Date(row.window_start),
  windowEnd: new Date(row.window_end),
  drifted: fromStoredBoolean(row.drifted),
  body: JSON.parse(row.body),
});

/** Monitors are stored as their parsed definition; parsing again restores dates and defaults. */
export const toDriftMonitor = (row: DriftMonitorRow): DriftMonitor => ({
  ...driftMonitorInputSchema.parse(JSON.parse(row.definition)),
  id: row.id,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** An embedding as stored: Float32 bytes in little-endian order (a SQLite blob, a PostgreSQL bytea). */
export const vectorToBytes = (vector: Float32Array) =>
  Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
/** Copies out of the row buffer so the vector is aligned and owns its memory. */
export const vectorFromBytes = (bytes: Buffer) =>
  new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
