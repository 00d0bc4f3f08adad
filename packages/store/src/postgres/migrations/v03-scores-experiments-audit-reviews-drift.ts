import type { Migration } from '../../migration.js';

export const postgresMigration03: Migration = {
  version: 3,
  description: 'scores, experiments and runs, audit log, human review, drift monitors and embeddings',
  sql: `
      CREATE TABLE scores (
        project_id text NOT NULL,
        id text NOT NULL,
        trace_id text NOT NULL,
        span_id text,
        name text NOT NULL,
        value double precision NOT NULL,
        label text,
        passed boolean,
        explanation text,
        comment text,
        source text NOT NULL,
        evaluator_name text,
        evaluator_version text,
        author text,
        experiment_id text,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX scores_trace ON scores(project_id, trace_id);
      CREATE INDEX scores_experiment ON scores(project_id, experiment_id) WHERE experiment_id IS NOT NULL;
      CREATE INDEX scores_time ON scores(project_id, created_at);
      CREATE INDEX scores_name_time ON scores(project_id, name, created_at);

      CREATE TABLE experiments (
        project_id text NOT NULL REFERENCES projects(id),
        id text NOT NULL,
        name text NOT NULL,
        dataset_name text NOT NULL,
        dataset_version integer NOT NULL,
        release_name text,
        release_version integer,
        prompt_versions text,
        model text,
        repeats integer NOT NULL,
        item_count bigint NOT NULL,
        evaluators text NOT NULL,
        metadata text NOT NULL,
        status text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX experiments_created ON experiments(project_id, created_at);
      CREATE TABLE experiment_runs (
        project_id text NOT NULL,
        experiment_id text NOT NULL,
        item_id text NOT NULL,
        repeat integer NOT NULL,
        trace_id text NOT NULL,
        output text,
        error text,
        latency_ms double precision NOT NULL,
        cost double precision,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, experiment_id, item_id, repeat)
      );

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        project_id text NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text NOT NULL,
        before text,
        after text,
        created_at bigint NOT NULL
      );
      CREATE INDEX audit_log_by_project ON audit_log(project_id, id);
      CREATE INDEX audit_log_by_target ON audit_log(project_id, target_type, target_id, id);

      CREATE TABLE score_configs (
        project_id text NOT NULL,
        name text NOT NULL,
        definition text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, name)
      );
      CREATE TABLE review_queues (
        project_id text NOT NULL,
        id text NOT NULL,
        definition text NOT NULL,
        required_reviewers integer NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE TABLE review_items (
        project_id text NOT NULL,
        queue_id text NOT NULL,
        item_id text NOT NULL,
        position integer NOT NULL,
        content text NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id)
      );
      CREATE INDEX review_items_order ON review_items(project_id, queue_id, position);
      CREATE TABLE review_leases (
        project_id text NOT NULL,
        queue_id text NOT NULL,
        item_id text NOT NULL,
        reviewer text NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      );
      CREATE TABLE review_answers (
        project_id text NOT NULL,
        queue_id text NOT NULL,
        item_id text NOT NULL,
        reviewer text NOT NULL,
        status text NOT NULL,
        answer text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      );
      CREATE TABLE review_settings (
        project_id text PRIMARY KEY,
        judge_agreement_bar double precision NOT NULL
      );
      CREATE TABLE judge_calibrations (
        project_id text NOT NULL,
        id text NOT NULL,
        evaluator_name text NOT NULL,
        score_name text NOT NULL,
        computed_at bigint NOT NULL,
        record text NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX judge_calibrations_time ON judge_calibrations(project_id, evaluator_name, computed_at);

      CREATE TABLE drift_embeddings (
        project_id text NOT NULL,
        trace_id text NOT NULL,
        span_id text NOT NULL,
        field text NOT NULL,
        embedder_id text NOT NULL,
        vector bytea NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, embedder_id, field, trace_id, span_id)
      );
      CREATE TABLE drift_monitors (
        project_id text NOT NULL,
        id text NOT NULL,
        definition text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE TABLE drift_reports (
        project_id text NOT NULL,
        id text NOT NULL,
        monitor_id text NOT NULL,
        created_at bigint NOT NULL,
        window_start bigint NOT NULL,
        window_end bigint NOT NULL,
        drifted boolean NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX drift_reports_by_monitor ON drift_reports(project_id, monitor_id, created_at);
      -- Drift windows read the requests (root spans) of a time range.
      CREATE INDEX spans_roots_time ON spans(project_id, start_time_us) WHERE parent_span_id IS NULL;
    `,
};
