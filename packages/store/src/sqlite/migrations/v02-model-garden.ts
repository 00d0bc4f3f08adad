import type { Migration } from '../../migration.js';

export const sqliteMigration02: Migration = {
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
};
