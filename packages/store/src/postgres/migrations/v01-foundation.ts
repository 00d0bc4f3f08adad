import type { Migration } from '../../migration.js';

export const postgresMigration01: Migration = {
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
};

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
