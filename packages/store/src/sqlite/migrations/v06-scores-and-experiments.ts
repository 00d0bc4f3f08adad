import type { Migration } from '../../migration.js';

export const sqliteMigration06: Migration = {
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
};
