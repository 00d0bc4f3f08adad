import type { Migration } from '../../migration.js';

export const sqliteMigration12: Migration = {
  version: 12,
  description: 'monitoring: hourly model-call rollup for long dashboard windows grouped by model',
  sql: `
      -- One row per (hour, model, latency bin): the "group by model" dashboard reads whole hours here and
      -- only the partial edge hours from spans. Kept in step by the span writer; backfilled below.
      CREATE TABLE model_call_hours (
        project_id TEXT NOT NULL,
        hour_us INTEGER NOT NULL,
        model TEXT NOT NULL,
        bin INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost REAL,
        PRIMARY KEY (project_id, hour_us, model, bin)
      ) WITHOUT ROWID;
      INSERT INTO model_call_hours
        SELECT project_id, start_time_us - (start_time_us % 3600000000), coalesce(model, '(unknown)'),
          CAST(ln(max(end_time_us - start_time_us, 1)) * 40 AS INTEGER), count(*), sum(status = 'error'),
          sum(coalesce(input_tokens, 0)), sum(coalesce(output_tokens, 0)), sum(cost)
        FROM spans WHERE kind IN ('llm', 'embedding') GROUP BY 1, 2, 3, 4;
    `,
};
