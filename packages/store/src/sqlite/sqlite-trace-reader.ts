import type { TracePage, TraceQuery, TraceSortField } from '@sextant/core';
import type Database from 'better-sqlite3';
import { rowToSpan, type SpanRow } from '../rows/span-rows.js';
import { type TraceRow, toTracePage, toTraceSummary } from '../rows/trace-rows.js';
import type { TraceDetail } from '../store.js';
import { decodeTraceCursor, toFullTextQuery } from '../trace-cursor.js';
import { traceKindBits } from './trace-kind-bits.js';

const sortExpressions: Record<TraceSortField, string> = {
  time: 't.start_time_us',
  name: 't.name',
  latency: '(t.end_time_us - t.start_time_us)',
  tokens: '(t.input_tokens + t.output_tokens)',
  cost: 'coalesce(t.cost, -1)',
  status: '(t.error_count > 0)',
};

/** SQLite keeps a trace's tags and models as JSON text. */
const parseList = (value: string) => JSON.parse(value) as string[];

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
    const rows = db.prepare(sql).all(...params, query.limit + 1) as TraceRow<string>[];
    return toTracePage(rows, query.limit, parseList);
  }

  function getTrace(projectId: string, traceId: string): TraceDetail | null {
    const row = traceStatement.get(projectId, traceId) as TraceRow<string> | undefined;
    if (!row) return null;
    const spans = (spansStatement.all(projectId, traceId) as SpanRow[]).map(rowToSpan);
    return { trace: toTraceSummary(row, parseList), spans };
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
    add('(t.kinds & ?) != 0', traceKindBits[query.kind]);
  }
  if (query.model) {
    add('EXISTS (SELECT 1 FROM json_each(t.models) WHERE value = ?)', query.model);
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
