import type Database from 'better-sqlite3';
import type { DriftStore, StoredEmbedding } from '../drift-store.js';
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

export function createSqliteDriftStore(db: Database.Database): DriftStore {
  const insertEmbedding = db.prepare(
    `INSERT OR IGNORE INTO drift_embeddings (project_id, embedder_id, field, trace_id, span_id, vector, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectEmbedding = db.prepare(
    `SELECT vector FROM drift_embeddings
     WHERE project_id = ? AND embedder_id = ? AND field = ? AND trace_id = ? AND span_id = ?`,
  );
  const putEmbeddings = db.transaction(
    (projectId: string, embedderId: string, field: string, rows: readonly StoredEmbedding[]) => {
      const now = Date.now();
      let inserted = 0;
      for (const row of rows) {
        inserted += insertEmbedding.run(
          projectId,
          embedderId,
          field,
          row.traceId,
          row.spanId,
          vectorToBytes(row.vector),
          now,
        ).changes;
      }
      return inserted;
    },
  );

  return {
    async listSpans(projectId, query) {
      // A root span stands for its whole request: tokens, cost and tags come from the trace rollup; its model
      // is the first model call's (an embedding call made for retrieval is not what answered).
      const root = query.spans === 'root';
      const conditions = ['s.project_id = ?', 's.start_time_us >= ?', 's.start_time_us < ?'];
      const parameters: Array<string | number> = [
        projectId,
        query.start.getTime() * 1000,
        query.end.getTime() * 1000,
      ];
      conditions.push(root ? 's.parent_span_id IS NULL' : "s.kind = 'llm'");
      if (query.releaseId !== undefined) {
        conditions.push('s.release_id = ?');
        parameters.push(query.releaseId);
      }
      const columns = root
        ? `s.trace_id, s.span_id, s.start_time_us, s.end_time_us, coalesce(s.model, (SELECT c.model FROM spans c WHERE c.project_id = s.project_id
             AND c.trace_id = s.trace_id AND c.kind = 'llm' AND c.model IS NOT NULL
             ORDER BY c.start_time_us LIMIT 1)) AS model,
           s.tool_name, t.tags, t.input_tokens, t.output_tokens, t.cost, s.release_id, s.input, s.output`
        : `s.trace_id, s.span_id, s.start_time_us, s.end_time_us, s.model, s.tool_name, s.tags, s.input_tokens,
           s.output_tokens, s.cost, s.release_id, s.input, s.output`;
      const join = root ? 'JOIN traces t ON t.project_id = s.project_id AND t.trace_id = s.trace_id' : '';
      const rows = db
        .prepare(
          `SELECT ${columns} FROM spans s ${join} WHERE ${conditions.join(' AND ')}
           ORDER BY s.start_time_us DESC LIMIT ?`,
        )
        .all(...parameters, query.limit) as DriftSpanRow[];
      return rows.map(toDriftSpan);
    },

    async releaseFirstSeen(projectId, releaseId) {
      const row = db
        .prepare('SELECT min(start_time_us) AS first FROM traces WHERE project_id = ? AND release_id = ?')
        .get(projectId, releaseId) as { first: number | null };
      return row.first === null ? null : new Date(Math.floor(row.first / 1000));
    },

    async putEmbeddings(projectId, embedderId, field, rows) {
      return { inserted: putEmbeddings(projectId, embedderId, field, rows) };
    },

    async getEmbeddings(projectId, embedderId, field, keys) {
      const found: StoredEmbedding[] = [];
      for (const key of keys) {
        const row = selectEmbedding.get(projectId, embedderId, field, key.traceId, key.spanId) as
          | { vector: Buffer }
          | undefined;
        if (row)
          found.push({ traceId: key.traceId, spanId: key.spanId, vector: vectorFromBytes(row.vector) });
      }
      return found;
    },

    async putMonitor(projectId, monitor) {
      const { id, createdAt, updatedAt, ...definition } = monitor;
      db.prepare(
        `INSERT INTO drift_monitors (project_id, id, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
      ).run(projectId, id, JSON.stringify(definition), createdAt.getTime(), updatedAt.getTime());
    },

    async getMonitor(projectId, monitorId) {
      const row = db
        .prepare(
          'SELECT id, definition, created_at, updated_at FROM drift_monitors WHERE project_id = ? AND id = ?',
        )
        .get(projectId, monitorId) as DriftMonitorRow | undefined;
      return row ? toDriftMonitor(row) : null;
    },

    async listMonitors(projectId) {
      const rows = db
        .prepare(
          'SELECT id, definition, created_at, updated_at FROM drift_monitors WHERE project_id = ? ORDER BY created_at, id',
        )
        .all(projectId) as DriftMonitorRow[];
      return rows.map(toDriftMonitor);
    },

    async deleteMonitor(projectId, monitorId) {
      return db.transaction(() => {
        db.prepare('DELETE FROM drift_reports WHERE project_id = ? AND monitor_id = ?').run(
          projectId,
          monitorId,
        );
        return (
          db.prepare('DELETE FROM drift_monitors WHERE project_id = ? AND id = ?').run(projectId, monitorId)
            .changes > 0
        );
      })();
    },

    async putReport(projectId, report) {
      db.prepare(
        `INSERT OR REPLACE INTO drift_reports (project_id, id, monitor_id, created_at, window_start, window_end, drifted, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        projectId,
        report.id,
        report.monitorId,
        report.createdAt.getTime(),
        report.windowStart.getTime(),
        report.windowEnd.getTime(),
        report.drifted ? 1 : 0,
        JSON.stringify(report.body),
      );
    },

    async getReport(projectId, reportId) {
      const row = db
        .prepare('SELECT * FROM drift_reports WHERE project_id = ? AND id = ?')
        .get(projectId, reportId) as DriftReportRow | undefined;
      return row ? toDriftReport(row) : null;
    },

    async listReports(projectId, query) {
      const monitorFilter = query.monitorId === undefined ? '' : 'AND monitor_id = ?';
      const parameters = query.monitorId === undefined ? [projectId] : [projectId, query.monitorId];
      const rows = db
        .prepare(
          `SELECT * FROM drift_reports WHERE project_id = ? ${monitorFilter} ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(...parameters, query.limit ?? 50) as DriftReportRow[];
      return rows.map(toDriftReport);
    },
  };
}
