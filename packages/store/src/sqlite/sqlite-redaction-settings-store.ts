import type Database from 'better-sqlite3';
import type { RedactionSettingsRecord, RedactionSettingsStore } from '../redaction-settings-store.js';

interface SettingsRow {
  project_id: string;
  settings: string;
  revision: number;
  updated_at: number;
}

const toRecord = (row: SettingsRow): RedactionSettingsRecord => ({
  projectId: row.project_id,
  settings: JSON.parse(row.settings),
  revision: row.revision,
  updatedAt: new Date(row.updated_at),
});

/** `Store.redactionSettings` on SQLite: one row per project. */
export function createSqliteRedactionSettingsStore(db: Database.Database): RedactionSettingsStore {
  const select = db.prepare('SELECT * FROM redaction_settings WHERE project_id = ?');
  const upsert = db.prepare(
    `INSERT INTO redaction_settings (project_id, settings, revision, updated_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings, revision = revision + 1,
       updated_at = excluded.updated_at
     RETURNING *`,
  );
  return {
    async get(projectId) {
      const row = select.get(projectId) as SettingsRow | undefined;
      return row ? toRecord(row) : null;
    },
    async put(projectId, settings) {
      return toRecord(upsert.get(projectId, JSON.stringify(settings), Date.now()) as SettingsRow);
    },
  };
}
