import { SextantError, type TracePage, type TraceQuery, type TraceSortField } from '@sextant/core';
import type pg from 'pg';
import { rowToSpan, type SpanRow } from '../rows/span-rows.js';
import { type TraceRow, toTracePage, toTraceSummary } from '../rows/trace-rows.js';
import type { TraceDetail } from '../store.js';
import { decodeTraceCursor } from '../trace-cursor.js';

const sortExpressions: Record<TraceSortField, string> = {
  time: 't.start_time_us',
  name: 't.name',
  latency: '(t.end_time_us - t.start_time_us)',
  tokens: '(t.input_tokens + t.output_tokens)',
  cost: 'coalesce(t.cost, -1)',
  status: '(t.error_count > 0)::int',
};

/** PostgreSQL keeps a trace's tags and models as text[], which the driver returns as arrays. */
const asList = (value: string[]) => value;

/** Turns free text into a tsquery: every word must match, the last one as a prefix (as in SQLite). */
export function toTextSearchQuery(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu);
  if (!words)
    throw new SextantError('bad_request', `search text '${text}' has no letters or digits to search for`);
  return words.map((word, index) => `'${word}'${index === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/** Reads trace lists and single traces. Every statement is scoped by project id. */
export function createPostgresTraceReader(pool: pg.Pool) {
  async function listTraces(projectId: string, query: TraceQuery): Promise<TracePage> {
    const { where, params } = buildFilters(projectId, query);
    const sort = sortExpressions[query.sort];
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.cursor) {
      const cursor = decodeTraceCursor(query.cursor);
      params.push(cursor.value, cursor.traceId);
      // The cursor value is compared in the sort expression's own type (text for names, numbers otherwise).
      const cast = query.sort === 'name' ? 'text' : query.sort === 'cost' ? 'float8' : 'bigint';
      where.push(
        `(${sort}, t.trace_id) ${query.order === 'asc' ? '>' : '<'} ($${params.length - 1}::${cast}, $${params.length}::text)`,
      );
    }
    params.push(query.limit + 1);
    const sql = `SELECT t.*, ${sort} AS sort_value FROM traces t WHERE ${where.join(' AND ')}
      ORDER BY ${sort} ${direction}, t.trace_id ${direction} LIMIT $${params.length}`;
    const { rows } = await pool.query<TraceRow<string[]>>(sql, params);
    return toTracePage(rows, query.limit, asList);
  }

  async function getTrace(projectId: string, traceId: string): Promise<TraceDetail | null> {
    const trace = await pool.query<TraceRow<string[]>>(
      'SELECT *, 0 AS sort_value FROM traces WHERE project_id = $1 AND trace_id = $2',
      [projectId, traceId],
    );
    const row = trace.rows[0];
    if (!row) return null;
    // The trace row bounds the span times, so only the partitions of those months are read.
    const spans = await pool.query<SpanRow>(
      `SELECT * FROM spans WHERE project_id = $1 AND trace_id = $2 AND start_time_us BETWEEN $3 AND $4
       ORDER BY start_time_us`,
      [projectId, traceId, row.start_time_us, row.end_time_us],
    );
    return { trace: toTraceSummary(row, asList), spans: spans.rows.map(rowToSpan) };
  }

  return { listTraces, getTrace };
}

function buildFilters(projectId: string, query: TraceQuery) {
  const where = ['t.project_id = $1'];
  const params: unknown[] = [projectId];
  const add = (clause: (...placeholders: string[]) => string, ...values: unknown[]) => {
    const placeholders = values.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    where.push(clause(...placeholders));
  };
  const spanExists = (condition: string) =>
    `EXISTS (SELECT 1 FROM spans s WHERE s.project_id = t.project_id AND s.trace_id = t.trace_id AND ${condition})`;
  if (query.from) add((p) => `t.start_time_us >= ${p}`, query.from.getTime() * 1000);
  if (query.to) add((p) => `t.start_time_us < ${p}`, query.to.getTime() * 1000);
  if (query.name) add((p) => `t.name = ${p}`, query.name);
  if (query.status) add(() => (query.status === 'error' ? 't.error_count > 0' : 't.error_count = 0'));
  if (query.sessionId) add((p) => `t.session_id = ${p}`, query.sessionId);
  if (query.userId) add((p) => `t.user_id = ${p}`, query.userId);
  if (query.releaseId) add((p) => `t.release_id = ${p}`, query.releaseId);
  if (query.promptName) {
    if (query.promptVersion) {
      add(
        (name, version) => spanExists(`s.prompt_name = ${name} AND s.prompt_version = ${version}`),
        query.promptName,
        query.promptVersion,
      );
    } else add((name) => spanExists(`s.prompt_name = ${name}`), query.promptName);
  }
  if (query.kind) {
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM trace_kinds k WHERE k.project_id = t.project_id AND k.kind = ${p} AND k.trace_id = t.trace_id)`,
      query.kind,
    );
  }
  if (query.model) {
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM trace_models m WHERE m.project_id = t.project_id AND m.model = ${p} AND m.trace_id = t.trace_id)`,
      query.model,
    );
  }
  for (const tag of query.tags ?? []) {
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM trace_tags g WHERE g.project_id = t.project_id AND g.tag = ${p} AND g.trace_id = t.trace_id)`,
      tag,
    );
  }
  if (query.q) {
    // Correlated EXISTS, not IN: the planner walks traces in list order and probes each one's spans,
    // stopping at the page size; an IN list first collects every matching span (seconds for common words).
    add((p) => spanExists(`s.search @@ to_tsquery('simple', ${p})`), toTextSearchQuery(query.q));
  }
  return { where, params };
}
