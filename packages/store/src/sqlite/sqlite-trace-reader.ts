import type { TracePage, TraceQuery, TraceSortField, TraceSummary } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { TraceDetail } from '../store.js';
import { decodeTraceCursor, encodeTraceCursor, toFullTextQuery } from '../trace-cursor.js';
import { rowToSpan, type SpanRow } from './span-rows.js';

const sortExpressions: Record<TraceSortField, string> = {
  time: 't.start_time_us',
  name: 't.name',
  latency: '(t.end_time_us - t.start_time_us)',
  tokens: '(t.input_tokens + t.output_tokens)',
  cost: 'coalesce(t.cost, -1)',
  status: '(t.error_count > 0)',
};

interface TraceRow {
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
  tags: string;
  models: string;
  input_preview: string | null;
  output_preview: string | null;
  sort_value: number | string;
}

/** Reads trace lists and single traces. Every statement is scoped by project id. */
export function createSqliteTraceReader(db: Database.Database) {
  const traceStatement = db.prepare(
    'SELECT *, 0 AS sort_value FROM traces t WHERE project_id = ? AND trace_id = ?',
  );
  const spansStatement = db.prepare(
    'SELECT * FROM spans WHERE project_id = ? AND trace_id = ? ORDER BY start_time_us',
  );

  function listTraces(projectId: string, query: TraceQuery): TracePage {
    const { where, params } = buildFilters(projectId, query);
    const sort = sortExpressions[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.cursor) {
      const cursor = decodeTraceCursor(query.cursor);
      where.push(`(${sort}, t.trace_id) ${query.order === 'asc' ? '>' : '<'} (?, ?)`);
      params.push(cursor.value, cursor.traceId);
    }
    const sql = `SELECT t.*, ${sort} AS sort_value FROM traces t WHERE ${where.join(' AND ')}
      ORDER BY sort_value ${direction}, t.trace_id ${direction} LIMIT ?`;
    const rows = db.prepare(sql).all(...params, query.limit + 1) as TraceRow[];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      traces: page.map(rowToSummary),
      nextCursor:
        rows.length > query.limit && last
          ? encodeTraceCursor({ value: last.sort_value, traceId: last.trace_id })
          : null,
    };
  }

  function getTrace(projectId: string, traceId: string): TraceDetail | null {
    const row = traceStatement.get(projectId, traceId) as TraceRow | undefined;
    if (!row) return null;
    const spans = (spansStatement.all(projectId, traceId) as SpanRow[]).map(rowToSpan);
    return { trace: rowToSummary(row), spans };
  }

  return { listTraces, getTrace };
}

function buildFilters(projectId: string, query: TraceQuery) {
  const where = ['t.project_id = ?'];
  const params: unknown[] = [projectId];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (query.from) add('t.start_time_us >= ?', query.from.getTime() * 1000);
  if (query.to) add('t.start_time_us < ?', query.to.getTime() * 1000);
  if (query.name) add('t.name = ?', query.name);
  if (query.status) add(query.status === 'error' ? 't.error_count > 0' : 't.error_count = 0');
  if (query.sessionId) add('t.session_id = ?', query.sessionId);
  if (query.userId) add('t.user_id = ?', query.userId);
  if (query.releaseId) add('t.release_id = ?', query.releaseId);
  if (query.promptName) {
    const version = query.promptVersion ? ' AND s.prompt_version = ?' : '';
    add(
      `EXISTS (SELECT 1 FROM spans s WHERE s.project_id = t.project_id AND s.prompt_name = ?${version}
        AND s.trace_id = t.trace_id)`,
      query.promptName,
      ...(query.promptVersion ? [query.promptVersion] : []),
    );
  }
  if (query.kind) {
    add(
      'EXISTS (SELECT 1 FROM trace_kinds k WHERE k.project_id = t.project_id AND k.kind = ? AND k.trace_id = t.trace_id)',
      query.kind,
    );
  }
  if (query.model) {
    add(
      'EXISTS (SELECT 1 FROM trace_models m WHERE m.project_id = t.project_id AND m.model = ? AND m.trace_id = t.trace_id)',
      query.model,
    );
  }
  for (const tag of query.tags ?? []) {
    add(
      'EXISTS (SELECT 1 FROM trace_tags g WHERE g.project_id = t.project_id AND g.tag = ? AND g.trace_id = t.trace_id)',
      tag,
    );
  }
  if (query.q) {
    // Rowids from the full-text index first, then their spans: joining the other way round makes
    // SQLite re-run the MATCH for every span.
    add(
      `t.trace_id IN (SELECT s.trace_id FROM spans s WHERE s.project_id = ? AND s.rowid IN
        (SELECT rowid FROM spans_fts WHERE spans_fts MATCH ?))`,
      projectId,
      toFullTextQuery(query.q),
    );
  }
  return { where, params };
}

function rowToSummary(row: TraceRow): TraceSummary {
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
    tags: JSON.parse(row.tags) as string[],
    models: JSON.parse(row.models) as string[],
    serviceName: row.service_name,
    inputPreview: row.input_preview,
    outputPreview: row.output_preview,
  };
}
