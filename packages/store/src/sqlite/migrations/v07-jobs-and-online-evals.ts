import type { Migration } from '../../migration.js';

export const sqliteMigration07: Migration = {
  version: 7,
  description: 'job queue with leases, schedule periods, online evaluation rules, retention settings',
  sql: `
      -- A durable queue: pending jobs are claimed by leasing them; a lease that runs out (the worker died)
      -- makes the job claimable again, so handlers are idempotent.
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        dedupe_key TEXT,
        attempts INTEGER NOT NULL,
        max_attempts INTEGER NOT NULL,
        run_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_expires_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX jobs_due ON jobs(run_at) WHERE status = 'pending';
      CREATE INDEX jobs_leased ON jobs(lease_expires_at) WHERE status = 'running';
      CREATE UNIQUE INDEX jobs_dedupe ON jobs(project_id, dedupe_key)
        WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running');
      CREATE INDEX jobs_by_project ON jobs(project_id, created_at);
      CREATE INDEX jobs_finished ON jobs(project_id, finished_at) WHERE finished_at IS NOT NULL;

      -- One row per (project, schedule kind, period) ever enqueued: servers sharing a database schedule once.
      CREATE TABLE job_schedule_periods (
        project_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        period_start INTEGER NOT NULL,
        job_id TEXT NOT NULL,
        PRIMARY KEY (project_id, kind, period_start)
      );

      CREATE TABLE online_eval_rules (
        project_id TEXT NOT NULL REFERENCES projects(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        -- Where the rule stopped reading new root spans (spans.rowid); new rules start at the end.
        cursor INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      ) WITHOUT ROWID;
      -- (project_id, rowid) of root spans: a rule reads the traces stored after its cursor, nothing else.
      CREATE INDEX spans_roots ON spans(project_id) WHERE parent_span_id IS NULL;

      CREATE TABLE retention_settings (
        project_id TEXT PRIMARY KEY REFERENCES projects(id),
        days INTEGER,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
};
