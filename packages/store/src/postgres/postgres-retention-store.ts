import type pg from 'pg';
import type { RetentionStore } from '../retention-store.js';
import { inTransaction } from './postgres-database.js';
import { removeFromTraceQuarters } from './trace-quarters.js';

const hourUs = 3_600_000_000;

/** Retention on PostgreSQL: each delete is one transaction over at most `limit` traces or scores. */
export function createPostgresRetentionStore(pool: pg.Pool): RetentionStore {
  return {
    async get(projectId) {
      const { rows } = await pool.query<{ days: number | null; updated_at: number }>(
        'SELECT days, updated_at FROM retention_settings WHERE project_id = $1',
        [projectId],
      );
      const row = rows[0];
      return { days: row?.days ?? null, updatedAt: row ? new Date(row.updated_at) : null };
    },
    async set(projectId, days) {
      const now = Date.now();
      await pool.query(
        `INSERT INTO retention_settings (project_id, days, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (project_id) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at`,
        [projectId, days, now],
      );
      return { days, updatedAt: new Date(now) };
    },
    deleteTracesBefore: (projectId, before, limit) =>
      inTransaction(pool, async (client) => {
        const beforeUs = before.getTime() * 1000;
        // The trace rows go first (RETURNING their time range), so the span delete can name the partitions.
        // Locked first, so they leave the trace rollup before they leave the traces table.
        const locked = await client.query<{ trace_id: string }>(
          `SELECT trace_id FROM traces WHERE project_id = $1 AND start_time_us < $2 AND end_time_us < $2
           ORDER BY start_time_us LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [projectId, beforeUs, limit],
        );
        if (locked.rows.length === 0) return { traces: 0, spans: 0 };
        await removeFromTraceQuarters(
          client,
          projectId,
          locked.rows.map((row) => row.trace_id),
        );
        const { rows } = await client.query<{ trace_id: string; start_time_us: number; end_time_us: number }>(
          `DELETE FROM traces WHERE project_id = $1 AND trace_id = ANY($2::text[])
           RETURNING trace_id, start_time_us, end_time_us`,
          [projectId, locked.rows.map((row) => row.trace_id)],
        );
        const ids = rows.map((row) => row.trace_id);
        const spans = await client.query(
          `DELETE FROM spans WHERE project_id = $1 AND trace_id = ANY($2::text[])
             AND start_time_us BETWEEN $3 AND $4`,
          [
            projectId,
            ids,
            Math.min(...rows.map((row) => row.start_time_us)),
            Math.max(...rows.map((row) => row.end_time_us)),
          ],
        );
        await client.query('DELETE FROM trace_tags WHERE project_id = $1 AND trace_id = ANY($2::text[])', [
          projectId,
          ids,
        ]);
        for (const table of ['trace_kinds', 'trace_models']) {
          await client.query(`DELETE FROM ${table} WHERE project_id = $1 AND trace_id = ANY($2::text[])`, [
            projectId,
            ids,
          ]);
        }
        await client.query(
          'DELETE FROM root_span_feed WHERE project_id = $1 AND trace_id = ANY($2::text[])',
          [projectId, ids],
        );
        await client.query('DELETE FROM model_call_hours WHERE project_id = $1 AND hour_us + $2 <= $3', [
          projectId,
          hourUs,
          beforeUs,
        ]);
        return { traces: rows.length, spans: spans.rowCount ?? 0 };
      }),
    async deleteScoresBefore(projectId, before, limit) {
      const result = await pool.query(
        `DELETE FROM scores WHERE (project_id, id) IN
           (SELECT project_id, id FROM scores WHERE project_id = $1 AND created_at < $2 ORDER BY created_at LIMIT $3)`,
        [projectId, before.getTime(), limit],
      );
      return result.rowCount ?? 0;
    },
  };
}
