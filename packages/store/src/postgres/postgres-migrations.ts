import type { Migration } from '../sqlite/migrations.js';
import { backfillTraceQuartersSql } from './trace-quarters.js';

/**
 * PostgreSQL schema steps, numbered on their own (not the SQLite versions). Same tables and meaning as
 * the SQLite schema; times are bigint microseconds (spans, traces) or milliseconds (everything else).
 * A released migration is never edited, only followed.
 */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'projects, keys, time-partitioned spans, trace rollups, models, registries, datasets',
    sql: `
      CREATE TABLE projects (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        created_at bigint NOT NULL
      );

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects(id),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        created_at bigint NOT NULL,
        revoked_at bigint
      );
      CREATE INDEX api_keys_project ON api_keys(project_id);

      -- Range-partitioned by start time (one partition per month, created on demand by the span writer),
      -- so old months can be detached or dropped whole. The partition key must be part of every unique
      -- key: a re-sent span carries its original start time, so the idempotency key still holds.
      CREATE TABLE spans (
        project_id text NOT NULL,
        trace_id text NOT NULL,
        span_id text NOT NULL,
        parent_span_id text,
        name text NOT NULL,
        kind text NOT NULL,
        start_time_us bigint NOT NULL,
        end_time_us bigint NOT NULL,
        status text NOT NULL,
        status_message text,
        error text,
        service_name text,
        operation text,
        model text,
        provider text,
        input_tokens bigint,
        output_tokens bigint,
        cache_read_tokens bigint,
        cache_write_tokens bigint,
        reasoning_tokens bigint,
        cost double precision,
        input text,
        output text,
        documents text,
        tool_name text,
        tool_call_id text,
        tool_args text,
        tool_result text,
        agent_name text,
        session_id text,
        user_id text,
        prompt_name text,
        prompt_version text,
        release_id text,
        tags text NOT NULL,
        raw_attributes text NOT NULL,
        resource_attributes text NOT NULL,
        scope_name text,
        cost_estimated integer NOT NULL DEFAULT 0,
        -- Words of the input and output ('simple' dictionary: no stemming, like the SQLite index).
        search tsvector,
        PRIMARY KEY (project_id, trace_id, span_id, start_time_us)
      ) PARTITION BY RANGE (start_time_us);
      CREATE INDEX spans_model ON spans(project_id, model, trace_id) WHERE model IS NOT NULL;
      CREATE INDEX spans_kind ON spans(project_id, kind, trace_id);
      CREATE INDEX spans_prompt ON spans(project_id, prompt_name, prompt_version, trace_id) WHERE prompt_name IS NOT NULL;
      CREATE INDEX spans_model_calls ON spans(project_id, start_time_us)
        INCLUDE (end_time_us, model, status, input_tokens, output_tokens, cost) WHERE kind IN ('llm', 'embedding');
      CREATE INDEX spans_search ON spans USING gin (search);

      CREATE TABLE traces (
        project_id text NOT NULL,
        trace_id text NOT NULL,
        name text NOT NULL,
        has_root boolean NOT NULL,
        start_time_us bigint NOT NULL,
        end_time_us bigint NOT NULL,
        span_count bigint NOT NULL,
        error_count bigint NOT NULL,
        input_tokens bigint NOT NULL,
        output_tokens bigint NOT NULL,
        cost double precision,
        session_id text,
        user_id text,
        release_id text,
        service_name text,
        tags text[] NOT NULL,
        models text[] NOT NULL,
        input_preview text,
        output_preview text,
        PRIMARY KEY (project_id, trace_id)
      );
      CREATE INDEX traces_time ON traces(project_id, start_time_us, trace_id);
      CREATE INDEX traces_metrics ON traces(project_id, start_time_us)
        INCLUDE (end_time_us, error_count, input_tokens, output_tokens, cost, name);
      CREATE INDEX traces_session ON traces(project_id, session_id, start_time_us)
        INCLUDE (error_count, input_tokens, output_tokens, cost) WHERE session_id IS NOT NULL;
      CREATE INDEX traces_user ON traces(project_id, user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX traces_release ON traces(project_id, release_id, start_time_us) WHERE release_id IS NOT NULL;

      CREATE TABLE trace_tags (
        project_id text NOT NULL,
        tag text NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, tag, trace_id)
      );

      CREATE TABLE model_call_hours (
        project_id text NOT NULL,
        hour_us bigint NOT NULL,
        model text NOT NULL,
        bin integer NOT NULL,
        requests bigint NOT NULL,
        errors bigint NOT NULL,
        input_tokens bigint NOT NULL,
        output_tokens bigint NOT NULL,
        cost double precision,
        PRIMARY KEY (project_id, hour_us, model, bin)
      );

      CREATE TABLE models (
        project_id text NOT NULL,
        id text NOT NULL,
        source text NOT NULL,
        card text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE TABLE model_aliases (
        project_id text NOT NULL REFERENCES projects(id),
        name text NOT NULL,
        definition text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, name)
      );
      CREATE TABLE provider_credentials (
        project_id text NOT NULL REFERENCES projects(id),
        provider text NOT NULL,
        ciphertext text NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, provider)
      );
      CREATE TABLE model_revisions (
        project_id text PRIMARY KEY,
        revision bigint NOT NULL
      );

      ${registryTables('prompt', 'prompts')}
      ${registryTables('release', 'releases')}

      CREATE TABLE datasets (
        id bigserial PRIMARY KEY,
        project_id text NOT NULL REFERENCES projects(id),
        name text NOT NULL,
        description text NOT NULL,
        latest_version integer NOT NULL,
        item_count bigint NOT NULL,
        pending_version integer,
        pending_heartbeat_at bigint,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        UNIQUE (project_id, name)
      );
      CREATE TABLE dataset_versions (
        dataset_id bigint NOT NULL REFERENCES datasets(id),
        version integer NOT NULL,
        item_count bigint NOT NULL,
        added bigint NOT NULL,
        updated bigint NOT NULL,
        removed bigint NOT NULL,
        message text,
        created_at bigint NOT NULL,
        PRIMARY KEY (dataset_id, version)
      );
      -- seq is the item order (the SQLite rowid).
      CREATE TABLE dataset_items (
        seq bigserial PRIMARY KEY,
        dataset_id bigint NOT NULL,
        item_id text NOT NULL,
        added_in_version integer NOT NULL,
        removed_in_version integer,
        input text NOT NULL,
        expected_output text,
        metadata text NOT NULL,
        split text
      );
      CREATE INDEX dataset_items_by_dataset ON dataset_items(dataset_id, seq);
      CREATE UNIQUE INDEX dataset_items_live ON dataset_items(dataset_id, item_id) WHERE removed_in_version IS NULL;
    `,
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
    version: 5,
    description:
      'alert rules, alert events and deliveries (tables of SQLite migration 8, for copies and alerts)',
    sql: `
      CREATE TABLE alert_rules (
        project_id text NOT NULL REFERENCES projects(id),
        id text NOT NULL,
        name text NOT NULL,
        definition text NOT NULL,
        enabled boolean NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      );
      CREATE TABLE alert_events (
        project_id text NOT NULL,
        id text NOT NULL,
        rule_id text NOT NULL,
        group_key text NOT NULL,
        status text NOT NULL,
        value double precision,
        threshold double precision,
        summary text NOT NULL,
        fired_at bigint NOT NULL,
        resolved_at bigint,
        last_evaluated_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE UNIQUE INDEX alert_events_one_open ON alert_events(project_id, rule_id, group_key) WHERE status = 'open';
      CREATE INDEX alert_events_by_rule ON alert_events(project_id, rule_id, fired_at);
      CREATE INDEX alert_events_recent ON alert_events(project_id, fired_at);
      CREATE TABLE alert_deliveries (
        project_id text NOT NULL,
        id text NOT NULL,
        rule_id text NOT NULL,
        event_id text,
        kind text NOT NULL,
        url text NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL,
        status_code integer,
        error text,
        created_at bigint NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX alert_deliveries_by_event ON alert_deliveries(project_id, event_id, created_at);
      CREATE INDEX alert_deliveries_by_rule ON alert_deliveries(project_id, rule_id, created_at);
    `,
  },
  {
    version: 6,
    description: 'span kinds and models per trace for the trace list filters (as SQLite migration 13)',
    sql: `
      CREATE TABLE trace_kinds (
        project_id text NOT NULL,
        kind text NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, kind, trace_id)
      );
      CREATE TABLE trace_models (
        project_id text NOT NULL,
        model text NOT NULL,
        trace_id text NOT NULL,
        PRIMARY KEY (project_id, model, trace_id)
      );
      INSERT INTO trace_kinds SELECT DISTINCT project_id, kind, trace_id FROM spans ON CONFLICT DO NOTHING;
      INSERT INTO trace_models SELECT DISTINCT project_id, model, trace_id FROM spans WHERE model IS NOT NULL
        ON CONFLICT DO NOTHING;
      DROP INDEX spans_kind;
      DROP INDEX spans_model;
    `,
  },
  {
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
  },
  {
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
  },
  {
    version: 9,
    description: 'session list: walk the newest traces with a session, in the page order',
    sql: `
      CREATE INDEX traces_session_recent ON traces(project_id, start_time_us DESC, session_id DESC)
        WHERE session_id IS NOT NULL;
    `,
  },
  {
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
  },
];

/** The four tables of a versioned registry (prompts, releases), as in SQLite migration 3. */
function registryTables(singular: string, plural: string): string {
  return `
    CREATE TABLE ${plural} (
      project_id text NOT NULL REFERENCES projects(id),
      name text NOT NULL,
      latest_version integer NOT NULL,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      PRIMARY KEY (project_id, name)
    );
    CREATE TABLE ${singular}_versions (
      project_id text NOT NULL,
      name text NOT NULL,
      version integer NOT NULL,
      definition text NOT NULL,
      content_hash text NOT NULL,
      commit_message text,
      actor_user text,
      actor_key_id text,
      actor_key_name text,
      created_at bigint NOT NULL,
      PRIMARY KEY (project_id, name, version),
      FOREIGN KEY (project_id, name) REFERENCES ${plural}(project_id, name)
    );
    CREATE TABLE ${singular}_labels (
      project_id text NOT NULL,
      name text NOT NULL,
      label text NOT NULL,
      version integer NOT NULL,
      updated_at bigint NOT NULL,
      PRIMARY KEY (project_id, name, label),
      FOREIGN KEY (project_id, name, version) REFERENCES ${singular}_versions(project_id, name, version)
    );
    CREATE TABLE ${singular}_label_events (
      id bigserial PRIMARY KEY,
      project_id text NOT NULL,
      name text NOT NULL,
      label text NOT NULL,
      from_version integer,
      to_version integer,
      actor_user text,
      actor_key_id text,
      actor_key_name text,
      created_at bigint NOT NULL
    );
    CREATE INDEX ${singular}_label_events_by_name ON ${singular}_label_events(project_id, name, id);`;
}
