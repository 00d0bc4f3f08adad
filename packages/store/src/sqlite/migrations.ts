/** One schema step. Versions are consecutive; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const sqliteMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'projects, api keys, spans, trace rollups, full-text index',
    sql: `
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX api_keys_project ON api_keys(project_id);

      -- One row per span; JSON columns hold structured content. rowid links the full-text index.
      CREATE TABLE spans (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        start_time_us INTEGER NOT NULL,
        end_time_us INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_message TEXT,
        error TEXT,
        service_name TEXT,
        operation TEXT,
        model TEXT,
        provider TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cache_read_tokens INTEGER,
        cache_write_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost REAL,
        input TEXT,
        output TEXT,
        documents TEXT,
        tool_name TEXT,
        tool_call_id TEXT,
        tool_args TEXT,
        tool_result TEXT,
        agent_name TEXT,
        session_id TEXT,
        user_id TEXT,
        prompt_name TEXT,
        prompt_version TEXT,
        release_id TEXT,
        tags TEXT NOT NULL,
        raw_attributes TEXT NOT NULL,
        resource_attributes TEXT NOT NULL,
        scope_name TEXT,
        UNIQUE (project_id, trace_id, span_id)
      );
      CREATE INDEX spans_model ON spans(project_id, model, trace_id) WHERE model IS NOT NULL;
      CREATE INDEX spans_kind ON spans(project_id, kind, trace_id);
      CREATE INDEX spans_prompt ON spans(project_id, prompt_name, prompt_version, trace_id) WHERE prompt_name IS NOT NULL;
      -- Covers the monitoring queries over model calls, so they never read the wide span rows.
      CREATE INDEX spans_model_calls ON spans(project_id, start_time_us, end_time_us, model, status,
        input_tokens, output_tokens, cost) WHERE kind IN ('llm', 'embedding');

      -- Per-trace totals kept up to date at ingestion, so listing never aggregates spans.
      CREATE TABLE traces (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        name TEXT NOT NULL,
        has_root INTEGER NOT NULL,
        start_time_us INTEGER NOT NULL,
        end_time_us INTEGER NOT NULL,
        span_count INTEGER NOT NULL,
        error_count INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost REAL,
        session_id TEXT,
        user_id TEXT,
        release_id TEXT,
        service_name TEXT,
        tags TEXT NOT NULL,
        models TEXT NOT NULL,
        input_preview TEXT,
        output_preview TEXT,
        PRIMARY KEY (project_id, trace_id)
      ) WITHOUT ROWID;
      CREATE INDEX traces_time ON traces(project_id, start_time_us, trace_id);
      -- Covers the monitoring queries over traces (the rows themselves carry long previews).
      CREATE INDEX traces_metrics ON traces(project_id, start_time_us, end_time_us, error_count, input_tokens,
        output_tokens, cost, name);
      CREATE INDEX traces_session ON traces(project_id, session_id, start_time_us) WHERE session_id IS NOT NULL;
      CREATE INDEX traces_user ON traces(project_id, user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX traces_release ON traces(project_id, release_id, start_time_us) WHERE release_id IS NOT NULL;

      CREATE TABLE trace_tags (
        project_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (project_id, tag, trace_id)
      ) WITHOUT ROWID;

      -- Index only (no stored copy): the text lives in spans.input/output.
      CREATE VIRTUAL TABLE spans_fts USING fts5(body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2');
    `,
  },
  {
    version: 2,
    description:
      'model catalog, own models, aliases, encrypted provider credentials; estimated cost flag on spans',
    sql: `
      ALTER TABLE spans ADD COLUMN cost_estimated INTEGER NOT NULL DEFAULT 0;

      -- project_id '' holds the shared catalog; a project's own models (endpoints, GGUF files) sit beside it.
      CREATE TABLE models (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        source TEXT NOT NULL,
        card TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;

      CREATE TABLE model_aliases (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name)
      ) WITHOUT ROWID;

      -- Ciphertext only (authenticated encryption done by the server); the store never sees a key in clear.
      CREATE TABLE provider_credentials (
        project_id TEXT NOT NULL REFERENCES projects(id),
        provider TEXT NOT NULL,
        ciphertext TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, provider)
      ) WITHOUT ROWID;

      -- Bumped by every change above, so servers notice changes made by other processes (the CLI) cheaply.
      CREATE TABLE model_revisions (
        project_id TEXT PRIMARY KEY,
        revision INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'prompt registry and releases: immutable versions, movable labels, label audit log',
    sql: `
      -- Prompts and releases share one shape: a name, immutable numbered versions (JSON definitions with
      -- a content hash), labels pointing at versions, and an append-only log of every label move.
      CREATE TABLE prompts (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        latest_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE prompt_versions (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        commit_message TEXT,
        actor_user TEXT,
        actor_key_id TEXT,
        actor_key_name TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name, version),
        FOREIGN KEY (project_id, name) REFERENCES prompts(project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE prompt_labels (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name, label),
        FOREIGN KEY (project_id, name, version) REFERENCES prompt_versions(project_id, name, version)
      ) WITHOUT ROWID;
      CREATE TABLE prompt_label_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER,
        actor_user TEXT,
        actor_key_id TEXT,
        actor_key_name TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX prompt_label_events_by_name ON prompt_label_events(project_id, name, id);

      CREATE TABLE releases (
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        latest_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE release_versions (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        commit_message TEXT,
        actor_user TEXT,
        actor_key_id TEXT,
        actor_key_name TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name, version),
        FOREIGN KEY (project_id, name) REFERENCES releases(project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE release_labels (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name, label),
        FOREIGN KEY (project_id, name, version) REFERENCES release_versions(project_id, name, version)
      ) WITHOUT ROWID;
      CREATE TABLE release_label_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER,
        actor_user TEXT,
        actor_key_id TEXT,
        actor_key_name TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX release_label_events_by_name ON release_label_events(project_id, name, id);
    `,
  },
  {
    version: 4,
    description: 'session list: the session index covers the per-session totals',
    sql: `
      -- Same prefix as before (the trace list's session filter still uses it), now also covering what the
      -- session list sums, so listing sessions never reads the wide trace rows.
      DROP INDEX traces_session;
      CREATE INDEX traces_session ON traces(project_id, session_id, start_time_us, error_count, input_tokens,
        output_tokens, cost) WHERE session_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    description: 'datasets: immutable versions, item rows visible over a version range',
    sql: `
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        latest_version INTEGER NOT NULL,
        item_count INTEGER NOT NULL,
        -- The version a streamed import is writing; its rows stay invisible until it commits. The import
        -- touches the heartbeat every batch; a pending version without one for a minute was abandoned.
        pending_version INTEGER,
        pending_heartbeat_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (project_id, name)
      );
      CREATE TABLE dataset_versions (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id),
        version INTEGER NOT NULL,
        item_count INTEGER NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        removed INTEGER NOT NULL,
        message TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (dataset_id, version)
      ) WITHOUT ROWID;
      -- One row per item content, visible in versions [added_in_version, removed_in_version): an edit
      -- writes the new rows and closes the old ones, so no version is ever copied. rowid is the item order.
      CREATE TABLE dataset_items (
        dataset_id INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        added_in_version INTEGER NOT NULL,
        removed_in_version INTEGER,
        input TEXT NOT NULL,
        expected_output TEXT,
        metadata TEXT NOT NULL,
        split TEXT
      );
      CREATE INDEX dataset_items_by_dataset ON dataset_items(dataset_id);
      CREATE UNIQUE INDEX dataset_items_live ON dataset_items(dataset_id, item_id) WHERE removed_in_version IS NULL;
    `,
  },
  {
    version: 6,
    description: 'scores of traces; experiments and their item runs',
    sql: `
      -- Scores from every source. The caller picks the id, so re-sending a batch never duplicates.
      CREATE TABLE scores (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT,
        name TEXT NOT NULL,
        value REAL NOT NULL,
        label TEXT,
        passed INTEGER,
        explanation TEXT,
        comment TEXT,
        source TEXT NOT NULL,
        evaluator_name TEXT,
        evaluator_version TEXT,
        author TEXT,
        experiment_id TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX scores_trace ON scores(project_id, trace_id);
      CREATE INDEX scores_experiment ON scores(project_id, experiment_id) WHERE experiment_id IS NOT NULL;
      CREATE INDEX scores_time ON scores(project_id, created_at);
      CREATE INDEX scores_name_time ON scores(project_id, name, created_at);

      CREATE TABLE experiments (
        project_id TEXT NOT NULL REFERENCES projects(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        dataset_name TEXT NOT NULL,
        dataset_version INTEGER NOT NULL,
        release_name TEXT,
        release_version INTEGER,
        prompt_versions TEXT,
        model TEXT,
        repeats INTEGER NOT NULL,
        item_count INTEGER NOT NULL,
        evaluators TEXT NOT NULL,
        metadata TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX experiments_created ON experiments(project_id, created_at);

      -- One row per (item, repeat); a rerun of the pair replaces it.
      CREATE TABLE experiment_runs (
        project_id TEXT NOT NULL,
        experiment_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        repeat INTEGER NOT NULL,
        trace_id TEXT NOT NULL,
        output TEXT,
        error TEXT,
        latency_ms REAL NOT NULL,
        cost REAL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, experiment_id, item_id, repeat)
      ) WITHOUT ROWID;
    `,
  },
  {
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
  },
  {
    version: 8,
    description: 'audit log, project redaction settings, alert rules, alert events and deliveries',
    sql: `
      -- Append-only; id orders entries within and across projects (the paging cursor).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        before TEXT,
        after TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX audit_log_by_project ON audit_log(project_id, id);
      CREATE INDEX audit_log_by_target ON audit_log(project_id, target_type, target_id, id);

      -- The redaction config (JSON) applied at ingestion; revision grows on every change so workers can poll.
      CREATE TABLE redaction_settings (
        project_id TEXT PRIMARY KEY REFERENCES projects(id),
        settings TEXT NOT NULL,
        revision INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE alert_rules (
        project_id TEXT NOT NULL REFERENCES projects(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id),
        UNIQUE (project_id, name)
      ) WITHOUT ROWID;

      -- A fired alert; at most one open per (rule, group): re-evaluating a firing rule updates it.
      CREATE TABLE alert_events (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        group_key TEXT NOT NULL,
        status TEXT NOT NULL,
        value REAL,
        threshold REAL,
        summary TEXT NOT NULL,
        fired_at INTEGER NOT NULL,
        resolved_at INTEGER,
        last_evaluated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX alert_events_one_open ON alert_events(project_id, rule_id, group_key)
        WHERE status = 'open';
      CREATE INDEX alert_events_by_rule ON alert_events(project_id, rule_id, fired_at);
      CREATE INDEX alert_events_recent ON alert_events(project_id, fired_at);

      -- One row per delivery attempt to one webhook (event_id null for a test send).
      CREATE TABLE alert_deliveries (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        event_id TEXT,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX alert_deliveries_by_event ON alert_deliveries(project_id, event_id, created_at);
      CREATE INDEX alert_deliveries_by_rule ON alert_deliveries(project_id, rule_id, created_at);
    `,
  },
  {
    version: 9,
    description: 'drift: stored span-text embeddings, drift monitors and their reports',
    sql: `
      -- One vector (float32 little-endian) per span text and encoder, so repeated reports skip embedding.
      CREATE TABLE drift_embeddings (
        project_id TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        field TEXT NOT NULL,
        embedder_id TEXT NOT NULL,
        vector BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, embedder_id, field, trace_id, span_id)
      ) WITHOUT ROWID;

      CREATE TABLE drift_monitors (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );

      CREATE TABLE drift_reports (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        monitor_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        window_start INTEGER NOT NULL,
        window_end INTEGER NOT NULL,
        drifted INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX drift_reports_by_monitor ON drift_reports(project_id, monitor_id, created_at);

      -- Drift windows read the requests (root spans) of a time range.
      CREATE INDEX spans_roots_time ON spans(project_id, start_time_us) WHERE parent_span_id IS NULL;
    `,
  },
  {
    version: 10,
    description: 'deploy: gate runs, label gates, promotion history, canaries and their decisions',
    sql: `
      CREATE TABLE gate_runs (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        suite TEXT NOT NULL,
        release_name TEXT,
        release_version INTEGER,
        status TEXT NOT NULL,
        dataset TEXT,
        baseline TEXT,
        experiment_id TEXT,
        verdict TEXT NOT NULL,
        results TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      CREATE INDEX gate_runs_by_release ON gate_runs(project_id, release_name, release_version, created_at);
      CREATE INDEX gate_runs_by_time ON gate_runs(project_id, created_at);

      CREATE TABLE label_gates (
        project_id TEXT NOT NULL,
        release_name TEXT NOT NULL,
        label TEXT NOT NULL,
        suites TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, release_name, label)
      ) WITHOUT ROWID;

      -- Why each gated label move happened; the registry's label events say who moved it where.
      CREATE TABLE release_promotions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        release_name TEXT NOT NULL,
        label TEXT NOT NULL,
        from_version INTEGER,
        to_version INTEGER,
        kind TEXT NOT NULL,
        reason TEXT,
        gate_run_ids TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX release_promotions_by_label ON release_promotions(project_id, release_name, label, id);

      CREATE TABLE canaries (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        target_type TEXT NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        baseline_version INTEGER NOT NULL,
        candidate_version INTEGER NOT NULL,
        share REAL NOT NULL,
        sticky_by TEXT NOT NULL,
        score TEXT NOT NULL,
        margin REAL NOT NULL,
        alpha REAL NOT NULL,
        minimum_per_arm INTEGER NOT NULL,
        status TEXT NOT NULL,
        last_decision TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      );
      -- At most one running canary per target label.
      CREATE UNIQUE INDEX canaries_one_running ON canaries(project_id, target_type, name, label) WHERE status = 'running';

      CREATE TABLE canary_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id TEXT NOT NULL,
        canary_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        evidence TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX canary_decisions_by_canary ON canary_decisions(project_id, canary_id, id);
    `,
  },
  {
    version: 11,
    description: 'human review: score configs, review queues, leases, answers, judge calibrations',
    sql: `
      CREATE TABLE score_configs (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, name)
      ) WITHOUT ROWID;
      CREATE TABLE review_queues (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        definition TEXT NOT NULL,
        required_reviewers INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      -- position keeps the order items were added in; content is the snapshot people review.
      CREATE TABLE review_items (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        content TEXT NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX review_items_order ON review_items(project_id, queue_id, position);
      -- Who is looking at an item right now; expired leases are simply ignored.
      CREATE TABLE review_leases (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      ) WITHOUT ROWID;
      CREATE TABLE review_answers (
        project_id TEXT NOT NULL,
        queue_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        status TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (project_id, queue_id, item_id, reviewer)
      ) WITHOUT ROWID;
      CREATE TABLE review_settings (
        project_id TEXT PRIMARY KEY,
        judge_agreement_bar REAL NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE judge_calibrations (
        project_id TEXT NOT NULL,
        id TEXT NOT NULL,
        evaluator_name TEXT NOT NULL,
        score_name TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (project_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX judge_calibrations_time ON judge_calibrations(project_id, evaluator_name, computed_at);
    `,
  },
  {
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
  },
  {
    version: 13,
    description: 'ingestion: span kinds and models per trace replace two per-span indexes',
    sql: `
      -- The trace list filters traces by a span kind or model. Per-span indexes cost every span two random
      -- index writes at ingestion; one row per (trace, kind) and (trace, model) answers the same filters.
      CREATE TABLE trace_kinds (
        project_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (project_id, kind, trace_id)
      ) WITHOUT ROWID;
      CREATE TABLE trace_models (
        project_id TEXT NOT NULL,
        model TEXT NOT NULL,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (project_id, model, trace_id)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO trace_kinds SELECT DISTINCT project_id, kind, trace_id FROM spans;
      INSERT OR IGNORE INTO trace_models SELECT DISTINCT project_id, model, trace_id FROM spans WHERE model IS NOT NULL;
      DROP INDEX spans_kind;
      DROP INDEX spans_model;
    `,
  },
];
