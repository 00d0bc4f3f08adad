import type { SessionPage, SessionQuery } from '@sextant/core';
import type pg from 'pg';
import { type SessionRow, toSessionPage } from '../rows/session-rows.js';
import { decodeSessionCursor } from '../session-cursor.js';

const window = 'start_time_us >= $2 AND start_time_us < $3';

/** The page: sessions' totals in the window, newest activity first. $4 limit, $5/$6 the cursor. */
const pageSql = (sessions: string, afterCursor: boolean) => `
  SELECT s.*,
    (SELECT p.input_preview FROM traces p WHERE p.project_id = $1 AND p.session_id = s.session_id
       AND p.${window} AND p.input_preview IS NOT NULL ORDER BY p.start_time_us DESC LIMIT 1) AS last_input_preview,
    (SELECT u.user_id FROM traces u WHERE u.project_id = $1 AND u.session_id = s.session_id
       AND u.${window} AND u.user_id IS NOT NULL ORDER BY u.start_time_us DESC LIMIT 1) AS user_id
  FROM (
    SELECT session_id, count(*) AS trace_count, sum((error_count > 0)::int) AS error_count,
      min(start_time_us) AS first_start_us, max(start_time_us) AS last_start_us,
      sum(input_tokens + output_tokens) AS total_tokens, sum(cost) AS cost
    FROM traces WHERE project_id = $1 AND ${sessions} AND ${window}
    GROUP BY session_id
  ) s
  ${afterCursor ? 'WHERE (s.last_start_us, s.session_id) < ($5::bigint, $6::text)' : ''}
  ORDER BY s.last_start_us DESC, s.session_id DESC
  LIMIT $4`;

/** Every session in the window aggregated: the plan for a walk that met too few sessions. */
const allSessionsSql = (afterCursor: boolean) => pageSql('session_id IS NOT NULL', afterCursor);
/** Only the sessions the walk met ($5, or $7 after a cursor). */
const candidatesSql = (afterCursor: boolean) =>
  pageSql(`session_id = ANY($${afterCursor ? 7 : 5}::text[])`, afterCursor);

/**
 * The newest traces with a session, walked from the top of the window (or the cursor's time) down: a
 * session first met here is met at its latest trace, so the first sessions met are the page's sessions.
 */
const walkSql = (afterCursor: boolean) => `
  SELECT session_id FROM traces WHERE project_id = $1 AND session_id IS NOT NULL AND ${window}
    ${afterCursor ? 'AND start_time_us <= $5' : ''}
  ORDER BY start_time_us DESC, session_id DESC LIMIT $4`;

/** Beyond this many traces walked, aggregating every session in the window is the cheaper plan. */
const longestWalk = 50_000;

/** Lists a project's sessions, newest activity first, with cursor paging. */
export function createPostgresSessionReader(pool: pg.Pool) {
  /**
   * Walks more traces each round until the sessions met hold a full page after the cursor (sessions met
   * only below their latest trace, i.e. already shown, drop out in the page query) or the window ends.
   */
  async function pageRows(params: unknown[], wanted: number, afterCursor: boolean) {
    for (let walk = wanted * 4; walk <= longestWalk; walk *= 4) {
      const walked = await pool.query<{ session_id: string }>(walkSql(afterCursor), [
        ...params.slice(0, 3),
        walk,
        ...params.slice(4, afterCursor ? 5 : 4),
      ]);
      const sessions = [...new Set(walked.rows.map((row) => row.session_id))];
      const { rows } = await pool.query<SessionRow>(candidatesSql(afterCursor), [...params, sessions]);
      if (rows.length >= wanted || walked.rows.length < walk) return rows;
    }
    return (await pool.query<SessionRow>(allSessionsSql(afterCursor), params)).rows;
  }

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
    const rows = await pageRows(params, query.limit + 1, Boolean(query.cursor));
    return toSessionPage(rows, query.limit);
  };
}
