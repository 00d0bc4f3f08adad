import type { Migration } from '../../migration.js';

export const sqliteMigration03: Migration = {
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
};
