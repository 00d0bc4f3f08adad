import type Database from 'better-sqlite3';
import type { RetentionStore } from '../retention-store.js';

const hourUs = 3_600_000_000;

/** Retention on SQLite: each delete is one IMMEDIATE transaction over at most `limit` rows. */
export function createSqliteRetentionStore(db: Database.Database): RetentionStore {
  const oldTraces = db.prepare(
    `SELECT trace_id FROM traces WHERE project_id = ? AND start_time_us < ? AND end_time_us < ?
     ORDER BY start_time_us LIMIT ?`,
  );
  const spanRowids = db.prepare('SELECT rowid FROM spans WHERE project_id = ? AND trace_id = ?');
  const deleteText = db.prepare('DELETE FROM spans_fts WHERE rowid = ?');
  const deleteSpans = db.prepare('DELETE FROM spans WHERE project_id = ? AND trace_id = ?');
  const deleteTags = db.prepare(
    'DELETE FROM trace_tags WHERE project_id = ? AND trace_id = ? AND tag IN (SELECT value FROM json_each(?))',
  );
  const deleteTrace = db.prepare('DELETE FROM traces WHERE project_id = ? AND trace_id = ? RETURNING tags');
  const deleteHours = db.prepare('DELETE FROM model_call_hours WHERE project_id = ? AND hour_us + ? <= ?');
  // Without AUTOINCREMENT, SQLite hands out max(rowid) + 1: once the newest spans are deleted, new spans
  // would get rowids at or below online-eval cursors and be skipped. Cursors past the end come back to it.
  const clampCursors = db.prepare(
    `UPDATE online_eval_rules SET cursor = (SELECT coalesce(max(rowid), 0) FROM spans)
     WHERE cursor > (SELECT coalesce(max(rowid), 0) FROM spans)`,
  );

  const deleteTraces = db.transaction((projectId: string, beforeUs: number, limit: number) => {
    let spans = 0;
    const traces = oldTraces.all(projectId, beforeUs, beforeUs, limit) as { trace_id: string }[];
    for (const { trace_id: traceId } of traces) {
      for (const { rowid } of spanRowids.all(projectId, traceId) as { rowid: number }[])
        deleteText.run(rowid);
      spans += deleteSpans.run(projectId, traceId).changes;
      const row = deleteTrace.get(projectId, traceId) as { tags: string } | undefined;
      if (row) deleteTags.run(projectId, traceId, row.tags);
    }
    deleteHours.run(projectId, hourUs, beforeUs);
    if (spans > 0) clampCursors.run();
    return { traces: traces.length, spans };
  });

  return {
    async get(projectId) {
      const row = db
        .prepare('SELECT days, updated_at FROM retention_settings WHERE project_id = ?')
        .get(projectId) as { days: number | null; updated_at: number } | undefined;
      return { days: row?.days ?? null, updatedAt: row ? new Date(row.updated_at) : null };
    },
    async set(projectId, days) {
      const now = Date.now();
      db.prepare(
        `INSERT INTO retention_settings (project_id, days, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (project_id) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at`,
      ).run(projectId, days, now);
      return { days, updatedAt: new Date(now) };
    },
    async deleteTracesBefore(projectId, before, limit) {
      return deleteTraces.immediate(projectId, before.getTime() * 1000, limit);
    },
    async deleteScoresBefore(projectId, before, limit) {
      return db
        .prepare(
          `DELETE FROM scores WHERE rowid IN
             (SELECT rowid FROM scores WHERE project_id = ? AND created_at < ? ORDER BY created_at LIMIT ?)`,
        )
        .run(projectId, before.getTime(), limit).changes;
    },
  };
}
