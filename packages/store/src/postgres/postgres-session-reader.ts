import type { SessionPage, SessionQuery } from '@sextant/core';
import type pg from 'pg';
import { decodeSessionCursor, encodeSessionCursor } from '../session-cursor.js';

interface SessionRow {
  session_id: string;
  user_id: string | null;
  trace_count: number;
  error_count: number;
  first_start_us: number;
  last_start_us: number;
  total_tokens: number;
  cost: number | null;
  last_input_preview: string | null;
}

/**
 * $1 project, $2 from, $3 to, $4 limit, then $5/$6 the cursor. Same rows as the SQLite reader, planned
 * for many traces per session: a skip scan of `traces_session` finds each session's latest trace in the
 * window (one index probe per session), and only the sessions on the page are aggregated.
 */
const window = 'start_time_us >= $2 AND start_time_us < $3';
const sessionsSql = (afterCursor: boolean) => `
  WITH RECURSIVE ids AS (
    (SELECT session_id FROM traces WHERE project_id = $1 AND session_id IS NOT NULL ORDER BY session_id LIMIT 1)
    UNION ALL
    SELECT (SELECT t.session_id FROM traces t WHERE t.project_id = $1 AND t.session_id IS NOT NULL
              AND t.session_id > ids.session_id ORDER BY t.session_id LIMIT 1)
    FROM ids WHERE ids.session_id IS NOT NULL
  ), latest AS (
    SELECT ids.session_id, (SELECT max(l.start_time_us) FROM traces l WHERE l.project_id = $1
      AND l.session_id = ids.session_id AND l.${window}) AS last_start_us
    FROM ids WHERE ids.session_id IS NOT NULL
  ), page AS (
    SELECT session_id FROM latest WHERE last_start_us IS NOT NULL
    ${afterCursor ? 'AND (last_start_us, session_id) < ($5::bigint, $6::text)' : ''}
    ORDER BY last_start_us DESC, session_id DESC LIMIT $4
  )
  SELECT s.*,
    (SELECT p.input_preview FROM traces p WHERE p.project_id = $1 AND p.session_id = s.session_id
       AND p.${window} AND p.input_preview IS NOT NULL ORDER BY p.start_time_us DESC LIMIT 1) AS last_input_preview,
    (SELECT u.user_id FROM traces u WHERE u.project_id = $1 AND u.session_id = s.session_id
       AND u.${window} AND u.user_id IS NOT NULL ORDER BY u.start_time_us DESC LIMIT 1) AS user_id
  FROM (
    SELECT session_id, count(*) AS trace_count, sum((error_count > 0)::int) AS error_count,
      min(start_time_us) AS first_start_us, max(start_time_us) AS last_start_us,
      sum(input_tokens + output_tokens) AS total_tokens, sum(cost) AS cost
    FROM traces WHERE project_id = $1 AND session_id IN (SELECT session_id FROM page) AND ${window}
    GROUP BY session_id
  ) s
  ORDER BY s.last_start_us DESC, s.session_id DESC`;

/** Lists a project's sessions, newest activity first, with cursor paging. */
export function createPostgresSessionReader(pool: pg.Pool) {
  return async function listSessions(projectId: string, query: SessionQuery): Promise<SessionPage> {
    const params: unknown[] = [
      projectId,
      query.from ? query.from.getTime() * 1000 : Number.MIN_SAFE_INTEGER,
      query.to ? query.to.getTime() * 1000 : Number.MAX_SAFE_INTEGER,
      query.limit + 1,
    ];
    if (query.cursor) {
      const cursor = decodeSessionCursor(query.cursor);
      params.push(cursor.lastStartUs, cursor.sessionId);
    }
    const { rows } = await pool.query<SessionRow>(sessionsSql(Boolean(query.cursor)), params);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      sessions: page.map((row) => ({
        sessionId: row.session_id,
        userId: row.user_id,
        traceCount: row.trace_count,
        errorCount: row.error_count,
        firstStartUs: row.first_start_us,
        lastStartUs: row.last_start_us,
        totalTokens: row.total_tokens,
        cost: row.cost,
        lastInputPreview: row.last_input_preview,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeSessionCursor({ lastStartUs: last.last_start_us, sessionId: last.session_id })
          : null,
    };
  };
}
