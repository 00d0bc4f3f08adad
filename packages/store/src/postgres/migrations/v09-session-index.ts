import type { Migration } from '../../migration.js';

export const postgresMigration09: Migration = {
  version: 9,
  description: 'session list: walk the newest traces with a session, in the page order',
  sql: `
      CREATE INDEX traces_session_recent ON traces(project_id, start_time_us DESC, session_id DESC)
        WHERE session_id IS NOT NULL;
    `,
};
