import type { Migration } from '../../migration.js';

export const sqliteMigration04: Migration = {
  version: 4,
  description: 'session list: the session index covers the per-session totals',
  sql: `
      -- Same prefix as before (the trace list's session filter still uses it), now also covering what the
      -- session list sums, so listing sessions never reads the wide trace rows.
      DROP INDEX traces_session;
      CREATE INDEX traces_session ON traces(project_id, session_id, start_time_us, error_count, input_tokens,
        output_tokens, cost) WHERE session_id IS NOT NULL;
    `,
};
