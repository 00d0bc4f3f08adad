import type { Migration } from '../../migration.js';

export const postgresMigration04: Migration = {
  version: 4,
  description:
    'online evaluation rules and their root-span feed, retention, redaction settings, gates, canaries',
  sql: `
      CREATE TABLE online_eval_rules (
        project_id text NOT NULL REFERENCES projects(id),
        id text NOT NULL,
        name text NOT NULL,
        definition text NOT NULL,
        enabled boolean NOT NULL,
        -- A sequence number of root_span_feed: where the rule stopped reading.
        cursor text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      );
      -- One row per stored root span, numbered in commit order (see the span writer's feed lock).
      CREATE TABLE root_span_feed (
        project_id text NOT NULL,
        sequence bigserial NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, sequence)
      );
      CREATE INDEX root_span_feed_trace ON root_span_feed(project_id, trace_id);

      CREATE TABLE retention_settings (
        project_id text PRIMARY KEY REFERENCES projects(id),
        days integer,
        updated_at bigint NOT NULL
      );

      CREATE TABLE redaction_settings (
        project_id text PRIMARY KEY REFERENCES projects(id),
        settings text NOT NULL,
        revision bigint NOT NULL,
        updated_at bigint NOT NULL
      );

      -- sequence breaks ties of runs stored in the same millisecond (the SQLite rowid).
      CREATE TABLE gate_runs (
        project_id text NOT NULL,
        id text NOT NULL,
        sequence bigserial NOT NULL,
        suite text NOT NULL,
        release_name text,
        release_version integer,
        status text NOT NULL,
        dataset text,
        baseline text,
        experiment_id text,
        verdict text NOT NULL,
        results text NOT NULL,
        actor text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX gate_runs_by_release ON gate_runs(project_id, release_name, release_version, created_at);
      CREATE INDEX gate_runs_by_time ON gate_runs(project_id, created_at);
      CREATE TABLE label_gates (
        project_id text NOT NULL,
        release_name text NOT NULL,
        label text NOT NULL,
        suites text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, release_name, label)
      );
      CREATE TABLE release_promotions (
        id bigserial PRIMARY KEY,
        project_id text NOT NULL,
        release_name text NOT NULL,
        label text NOT NULL,
        from_version integer,
        to_version integer,
        kind text NOT NULL,
        reason text,
        gate_run_ids text NOT NULL,
        actor text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX release_promotions_by_label ON release_promotions(project_id, release_name, label, id);
      CREATE TABLE canaries (
        project_id text NOT NULL,
        id text NOT NULL,
        target_type text NOT NULL,
        name text NOT NULL,
        label text NOT NULL,
        baseline_version integer NOT NULL,
        candidate_version integer NOT NULL,
        share double precision NOT NULL,
        sticky_by text NOT NULL,
        score text NOT NULL,
        margin double precision NOT NULL,
        alpha double precision NOT NULL,
        minimum_per_arm integer NOT NULL,
        status text NOT NULL,
        last_decision text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE UNIQUE INDEX canaries_one_running ON canaries(project_id, target_type, name, label) WHERE status = 'running';
      CREATE TABLE canary_decisions (
        id bigserial PRIMARY KEY,
        project_id text NOT NULL,
        canary_id text NOT NULL,
        decision text NOT NULL,
        evidence text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX canary_decisions_by_canary ON canary_decisions(project_id, canary_id, id);
    `,
};
