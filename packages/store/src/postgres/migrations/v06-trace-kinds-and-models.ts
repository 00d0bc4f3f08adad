import type { Migration } from '../../migration.js';

export const postgresMigration06: Migration = {
  version: 6,
  description: 'span kinds and models per trace for the trace list filters (as SQLite migration 13)',
  sql: `
      CREATE TABLE trace_kinds (
        project_id text NOT NULL,
        kind text NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, kind, trace_id)
      );
      CREATE TABLE trace_models (
        project_id text NOT NULL,
        model text NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, model, trace_id)
      );
      INSERT INTO trace_kinds SELECT DISTINCT project_id, kind, trace_id FROM spans ON CONFLICT DO NOTHING;
      INSERT INTO trace_models SELECT DISTINCT project_id, model, trace_id FROM spans WHERE model IS NOT NULL
        ON CONFLICT DO NOTHING;
      DROP INDEX spans_kind;
      DROP INDEX spans_model;
    `,
};
