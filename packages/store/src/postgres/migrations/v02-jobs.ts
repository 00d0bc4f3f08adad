import type { Migration } from '../../migration.js';

export const postgresMigration02: Migration = {
  version: 2,
  description: 'job queue with leases and schedule periods',
  sql: `
      CREATE TABLE jobs (
        id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects(id),
        kind text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL,
        dedupe_key text,
        attempts integer NOT NULL,
        max_attempts integer NOT NULL,
        run_at bigint NOT NULL,
        lease_owner text,
        lease_expires_at bigint,
        last_error text,
        created_at bigint NOT NULL,
        finished_at bigint
      );
      CREATE INDEX jobs_due ON jobs(run_at, created_at) WHERE status = 'pending';
      CREATE INDEX jobs_leased ON jobs(lease_expires_at) WHERE status = 'running';
      CREATE UNIQUE INDEX jobs_dedupe ON jobs(project_id, dedupe_key)
        WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running');
      CREATE INDEX jobs_by_project ON jobs(project_id, created_at);
      CREATE INDEX jobs_finished ON jobs(project_id, finished_at) WHERE finished_at IS NOT NULL;

      -- One row per (project, schedule kind, period) ever enqueued: servers sharing a database schedule once.
      CREATE TABLE job_schedule_periods (
        project_id text NOT NULL,
        kind text NOT NULL,
        period_start bigint NOT NULL,
        job_id text NOT NULL,
        PRIMARY KEY (project_id, kind, period_start)
      );
    `,
};
