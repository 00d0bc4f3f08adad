import type { Migration } from '../../migration.js';

export const sqliteMigration13: Migration = {
  version: 13,
  description: 'ingestion: span kinds and models per trace replace two per-span indexes',
  sql: `
      -- The trace list filters traces by a span kind or model. Per-span indexes cost every span two random
      -- index writes at ingestion; one row per (trace, kind) and (trace, model) answers the same filters.
      CREATE TABLE trace_kinds (
        project_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (project_id, kind, trace_id)
      ) WITHOUT ROWID;
      CREATE TABLE trace_models (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (project_id, model, trace_id)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO trace_kinds SELECT DISTINCT project_id, kind, trace_id FROM spans;
      INSERT OR IGNORE INTO trace_models SELECT DISTINCT project_id, model, trace_id FROM spans WHERE model IS NOT NULL;
      DROP INDEX spans_kind;
      DROP INDEX spans_model;
    `,
};
