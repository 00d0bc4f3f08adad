import type { Migration } from '../../migration.js';

export const sqliteMigration01: Migration = {
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
};
