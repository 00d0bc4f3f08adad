import type { Migration } from '../../migration.js';

export const postgresMigration08: Migration = {
  version: 8,
  description: 'dashboard: hourly trace rollup by name and by tag, kept exact by the span writer',
  sql: `
      CREATE TABLE trace_hours (
        project_id text NOT NULL,
        dimension text NOT NULL,  -- 'name' (also serves the ungrouped dashboard) or 'tag'
        hour_us bigint NOT NULL,
        grp text NOT NULL,
        bin integer NOT NULL,
        requests bigint NOT NULL,
        errors bigint NOT NULL,
        input_tokens bigint NOT NULL,
        output_tokens bigint NOT NULL,
        cost double precision NOT NULL,
        priced bigint NOT NULL,   -- traces with a known cost: none means the cost is unknown, not 0
        PRIMARY KEY (project_id, dimension, hour_us, grp, bin)
      );
      INSERT INTO trace_hours (project_id, dimension, hour_us, grp, bin, requests, errors, input_tokens,
        output_tokens, cost, priced)
      SELECT t.project_id, d.dimension, t.start_time_us - t.start_time_us % 3600000000, d.grp,
        floor(ln(greatest(t.end_time_us - t.start_time_us, 1)) * 40)::int, count(*),
        sum((t.error_count > 0)::int), sum(t.input_tokens), sum(t.output_tokens), coalesce(sum(t.cost), 0),
        count(t.cost)
      FROM traces t
      CROSS JOIN LATERAL (SELECT 'name' AS dimension, t.name AS grp UNION ALL SELECT 'tag', unnest(t.tags)) d
      GROUP BY 1, 2, 3, 4, 5;
    `,
};
