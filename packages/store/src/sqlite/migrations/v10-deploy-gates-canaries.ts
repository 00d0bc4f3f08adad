import type { Migration } from '../../migration.js';

export const sqliteMigration10: Migration = {
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
};
