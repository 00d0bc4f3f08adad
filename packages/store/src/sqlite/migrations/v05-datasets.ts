import type { Migration } from '../../migration.js';

export const sqliteMigration05: Migration = {
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
};
