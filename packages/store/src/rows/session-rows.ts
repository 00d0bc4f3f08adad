import type { SessionPage } from '@sextant/core';
import { encodeSessionCursor } from '../session-cursor.js';

/** One session's totals over the traces in the window. */
export interface SessionRow {
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

/** A page of `limit` sessions from up to `limit + 1` rows; the extra row says there is a next page. */
export function toSessionPage(rows: readonly SessionRow[], limit: number): SessionPage {
  const page = rows.slice(0, limit);
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
      rows.length > limit && last
        ? encodeSessionCursor({ lastStartUs: last.last_start_us, sessionId: last.session_id })
        : null,
  };
}
