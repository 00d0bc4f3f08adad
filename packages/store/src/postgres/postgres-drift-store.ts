import type pg from 'pg';
import type { DriftStore } from '../drift-store.js';
import {
  type DriftMonitorRow,
  type DriftReportRow,
  type DriftSpanRow,
  toDriftMonitor,
  toDriftReport,
  toDriftSpan,
  vectorFromBytes,
  vectorToBytes,
} from '../rows/drift-rows.js';
import { inTransaction } from './postgres-database.js';

/** Drift monitors, reports and cached embeddings on PostgreSQL (vectors as bytea). */
export function createPostgresDriftStore(pool: pg.Pool): DriftStore {
  return {
    async listSpans(projectId, query) {
      // A root span stands for its whole request: tokens, cost and tags come from the trace rollup; its model
      // is the first model call's (an embedding call made for retrieval is not what answered).
      const root = query.spans === 'root';
      const parameters: unknown[] = [projectId, query.start.getTime() * 1000, query.end.getTime() * 1000];
      const conditions = ['s.project_id = $1', 's.start_time_us >= $2', 's.start_time_us < $3'];
      conditions.push(root ? 's.parent_span_id IS NULL' : "s.kind = 'llm'");
      if (query.releaseId !== undefined) {
        parameters.push(query.releaseId);
        conditions.push(`s.release_id = $${parameters.length}`);
      }
      parameters.push(query.limit);
      const columns = root
        ? `s.trace_id, s.span_id, s.start_time_us, s.end_time_us, coalesce(s.model, (SELECT c.model FROM spans c WHERE c.project_id = s.project_id
             AND c.trace_id = s.trace_id AND c.kind = 'llm' AND c.model IS NOT NULL
             ORDER BY c.start_time_us LIMIT 1)) AS model,
           s.tool_name, to_json(t.tags)::text AS tags, t.input_tokens, t.output_tokens, t.cost, s.release_id,
           s.input, s.output`
        : `s.trace_id, s.span_id, s.start_time_us, s.end_time_us, s.model, s.tool_name, s.tags, s.input_tokens,
           s.output_tokens, s.cost, s.release_id, s.input, s.output`;
      const join = root ? 'JOIN traces t ON t.project_id = s.project_id AND t.trace_id = s.trace_id' : '';
      const { rows } = await pool.query<DriftSpanRow>(
        `SELECT ${columns} FROM spans s ${join} WHERE ${conditions.join(' AND ')}
         ORDER BY s.start_time_us DESC LIMIT $${parameters.length}`,
        parameters,
      );
      return rows.map(toDriftSpan);
    },

    async releaseFirstSeen(projectId, releaseId) {
      const { rows } = await pool.query<{ first: number | null }>(
        'SELECT min(start_time_us) AS first FROM traces WHERE project_id = $1 AND release_id = $2',
        [projectId, releaseId],
      );
      const first = rows[0]?.first ?? null;
      return first === null ? null : new Date(Math.floor(first / 1000));
    },

    async putEmbeddings(projectId, embedderId, field, rows) {
      if (rows.length === 0) return { inserted: 0 };
      const result = await pool.query(
        `INSERT INTO drift_embeddings (project_id, embedder_id, field, trace_id, span_id, vector, created_at)
         SELECT $1, $2, $3, u.trace_id, u.span_id, u.vector, $4
         FROM unnest($5::text[], $6::text[], $7::bytea[]) AS u(trace_id, span_id, vector)
         ON CONFLICT DO NOTHING`,
        [
          projectId,
          embedderId,
          field,
          Date.now(),
          rows.map((row) => row.traceId),
          rows.map((row) => row.spanId),
          rows.map((row) => vectorToBytes(row.vector)),
        ],
      );
      return { inserted: result.rowCount ?? 0 };
    },

    async getEmbeddings(projectId, embedderId, field, keys) {
      if (keys.length === 0) return [];
      const { rows } = await pool.query<{ trace_id: string; span_id: string; vector: Buffer }>(
        `SELECT e.trace_id, e.span_id, e.vector FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS k(trace_id, span_id, position)
         JOIN drift_embeddings e ON e.project_id = $1 AND e.embedder_id = $2 AND e.field = $3
           AND e.trace_id = k.trace_id AND e.span_id = k.span_id
         ORDER BY k.position`,
        [projectId, embedderId, field, keys.map((key) => key.traceId), keys.map((key) => key.spanId)],
      );
      return rows.map((row) => ({
        traceId: row.trace_id,
        spanId: row.span_id,
        vector: vectorFromBytes(row.vector),
      }));
    },

    async putMonitor(projectId, monitor) {
      const { id, createdAt, updatedAt, ...definition } = monitor;
      await pool.query(
        `INSERT INTO drift_monitors (project_id, id, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
        [projectId, id, JSON.stringify(definition), createdAt.getTime(), updatedAt.getTime()],
      );
    },

    async getMonitor(projectId, monitorId) {
      const { rows } = await pool.query<DriftMonitorRow>(
        'SELECT id, definition, created_at, updated_at FROM drift_monitors WHERE project_id = $1 AND id = $2',
        [projectId, monitorId],
      );
      return rows[0] ? toDriftMonitor(rows[0]) : null;
    },

    async listMonitors(projectId) {
      const { rows } = await pool.query<DriftMonitorRow>(
        'SELECT id, definition, created_at, updated_at FROM drift_monitors WHERE project_id = $1 ORDER BY created_at, id',
        [projectId],
      );
      return rows.map(toDriftMonitor);
    },

    deleteMonitor: (projectId, monitorId) =>
      inTransaction(pool, async (client) => {
        await client.query('DELETE FROM drift_reports WHERE project_id = $1 AND monitor_id = $2', [
          projectId,
          monitorId,
        ]);
        const result = await client.query('DELETE FROM drift_monitors WHERE project_id = $1 AND id = $2', [
          projectId,
          monitorId,
        ]);
        return (result.rowCount ?? 0) > 0;
      }),

    async putReport(projectId, report) {
      await pool.query(
        `INSERT INTO drift_reports (project_id, id, monitor_id, created_at, window_start, window_end, drifted, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (project_id, id) DO UPDATE SET monitor_id = excluded.monitor_id, created_at = excluded.created_at,
           window_start = excluded.window_start, window_end = excluded.window_end, drifted = excluded.drifted,
           body = excluded.body`,
        [
          projectId,
          report.id,
          report.monitorId,
          report.createdAt.getTime(),
          report.windowStart.getTime(),
          report.windowEnd.getTime(),
          report.drifted,
          JSON.stringify(report.body),
        ],
      );
    },

    async getReport(projectId, reportId) {
      const { rows } = await pool.query<DriftReportRow>(
        'SELECT * FROM drift_reports WHERE project_id = $1 AND id = $2',
        [projectId, reportId],
      );
      return rows[0] ? toDriftReport(rows[0]) : null;
    },

    async listReports(projectId, query) {
      const { rows } = await pool.query<DriftReportRow>(
        `SELECT * FROM drift_reports WHERE project_id = $1 AND ($2::text IS NULL OR monitor_id = $2)
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [projectId, query.monitorId ?? null, query.limit ?? 50],
      );
      return rows.map(toDriftReport);
    },
  };
}
