import type { Migration } from '../../migration.js';

export const postgresMigration07: Migration = {
  version: 7,
  description: 'trace list: one index per sort column, so every sort reads only the page it shows',
  sql: `
      -- Same expressions as the trace reader's ORDER BY (and cursor comparison), newest or oldest first.
      CREATE INDEX traces_by_latency ON traces(project_id, (end_time_us - start_time_us), trace_id);
      CREATE INDEX traces_by_cost ON traces(project_id, coalesce(cost, -1), trace_id);
      CREATE INDEX traces_by_tokens ON traces(project_id, (input_tokens + output_tokens), trace_id);
      CREATE INDEX traces_by_name ON traces(project_id, name, trace_id);
      CREATE INDEX traces_by_status ON traces(project_id, ((error_count > 0)::int), trace_id);
    `,
};
