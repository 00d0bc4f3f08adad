import type { Migration } from '../../migration.js';

export const sqliteMigration09: Migration = {
  version: 9,
  description: 'drift: stored span-text embeddings, drift monitors and their reports',
  sql: `
      -- One vector (float32 little-endian) per span text and encoder, so repeated reports skip embedding.
      CREATE TABLE drift_embeddings (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        field TEXT NOT NULL,
        embedder_id TEXT NOT NULL,
        vector BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, embedder_id, field, trace_id, span_id)
      ) WITHOUT ROWID;

      CREATE TABLE drift_monitors (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );

      CREATE TABLE drift_reports (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        monitor_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        window_start INTEGER NOT NULL,
        window_end INTEGER NOT NULL,
        drifted INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX drift_reports_by_monitor ON drift_reports(project_id, monitor_id, created_at);

      -- Drift windows read the requests (root spans) of a time range.
      CREATE INDEX spans_roots_time ON spans(project_id, start_time_us) WHERE parent_span_id IS NULL;
    `,
};
