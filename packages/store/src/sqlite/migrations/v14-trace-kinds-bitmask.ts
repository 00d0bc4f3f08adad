import type { Migration } from '../../migration.js';

export const sqliteMigration14: Migration = {
  version: 14,
  description: 'ingestion: span kinds as a bitmask column of traces, models read from traces.models',
  sql: `
      -- The trace list scans traces in order and tests each one, so a column answers the kind and model
      -- filters as well as rows keyed by random trace ids did, and ingestion skips four random index
      -- writes per trace. Bits: llm 1, embedding 2, retrieval 4, tool 8, agent 16, chain 32, guardrail 64,
      -- other 128 (see trace-kind-bits.ts).
      ALTER TABLE traces ADD COLUMN kinds INTEGER NOT NULL DEFAULT 0;
      UPDATE traces SET kinds = (
        SELECT coalesce(sum(CASE k.kind WHEN 'llm' THEN 1 WHEN 'embedding' THEN 2 WHEN 'retrieval' THEN 4
          WHEN 'tool' THEN 8 WHEN 'agent' THEN 16 WHEN 'chain' THEN 32 WHEN 'guardrail' THEN 64 ELSE 128 END), 0)
        FROM trace_kinds k WHERE k.project_id = traces.project_id AND k.trace_id = traces.trace_id);
      DROP TABLE trace_kinds;
      DROP TABLE trace_models;
    `,
};
