import type { Migration } from '../../migration.js';
import { backfillTraceQuartersSql } from '../trace-quarters.js';

export const postgresMigration10: Migration = {
  version: 10,
  description:
    'dashboard: the trace rollup in quarter hours, so the 24-hour view (15-minute buckets) reads it too',
  sql: `
      DROP TABLE trace_hours;
      CREATE TABLE trace_quarters (
        project_id text NOT NULL,
        dimension text NOT NULL,  -- 'name' (also serves the ungrouped dashboard) or 'tag'
        quarter_us bigint NOT NULL,
        grp text NOT NULL,
        bin integer NOT NULL,
        requests bigint NOT NULL,
        errors bigint NOT NULL,
        input_tokens bigint NOT NULL,
        output_tokens bigint NOT NULL,
        cost double precision NOT NULL,
        priced bigint NOT NULL,   -- traces with a known cost: none means the cost is unknown, not 0
        PRIMARY KEY (project_id, dimension, quarter_us, grp, bin)
      );
      ${backfillTraceQuartersSql};
    `,
};
