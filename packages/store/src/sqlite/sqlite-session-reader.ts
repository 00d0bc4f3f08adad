import type { SessionPage, SessionQuery } from '@sextant/core';
import type Database from 'better-sqlite3';
import { type SessionRow, toSessionPage } from '../rows/session-rows.js';
import { decodeSessionCursor } from '../session-cursor.js';

const window = 'start_time_us >= @from AND start_time_us < @to';

/**
 * Sessions aggregated from the trace rollups in the window (from the covering `traces_session` index),
 * then paged by newest activity; the preview and user come from one index lookup per listed session.
 */
const sessionsSql = (afterCursor: boolean) => `
  SELECT s.*,
    (SELECT p.input_preview FROM traces p WHERE p.project_id = @project AND p.session_id = s.session_id
       AND p.${window} AND p.input_preview IS NOT NULL ORDER BY p.start_time_us DESC LIMIT 1) AS last_input_preview,
    (SELECT u.user_id FROM traces u WHERE u.project_id = @project AND u.session_id = s.session_id
       AND u.${window} AND u.user_id IS NOT NULL ORDER BY u.start_time_us DESC LIMIT 1) AS user_id
  FROM (
    SELECT session_id, count(*) AS trace_count, sum(error_count > 0) AS error_count,
      min(start_time_us) AS first_start_us, max(start_time_us) AS last_start_us,
      sum(input_tokens + output_tokens) AS total_tokens, sum(cost) AS cost
    FROM traces WHERE project_id = @project AND session_id IS NOT NULL AND ${window}
    GROUP BY session_id
  ) s
  ${afterCursor ? 'WHERE (s.last_start_us, s.session_id) < (@cursorTime, @cursorSession)' : ''}
  ORDER BY s.last_start_us DESC, s.session_id DESC
  LIMIT @limit`;

/** Lists a project's sessions, newest activity first, with cursor paging. */
export function createSqliteSessionReader(db: Database.Database) {
  const firstPage = db.prepare(sessionsSql(false));
  const nextPage = db.prepare(sessionsSql(true));

  return function listSessions(projectId: string, query: SessionQuery): SessionPage {
    const params: Record<string, unknown> = {
      project: projectId,
      from: query.from ? query.from.getTime() * 1000 : Number.MIN_SAFE_INTEGER,
      to: query.to ? query.to.getTime() * 1000 : Number.MAX_SAFE_INTEGER,
      limit: query.limit + 1,
    };
    let statement = firstPage;
    if (query.cursor) {
      const cursor = decodeSessionCursor(query.cursor);
      params.cursorTime = cursor.lastStartUs;
      params.cursorSession = cursor.sessionId;
      statement = nextPage;
    }
    const rows = statement.all(params) as SessionRow[];
    return toSessionPage(rows, query.limit);
  };
}
