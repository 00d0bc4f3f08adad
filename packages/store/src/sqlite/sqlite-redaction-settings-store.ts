import type Database from 'better-sqlite3';
import type { RedactionSettingsStore } from '../redaction-settings-store.js';
import { type RedactionSettingsRow, toRedactionSettings } from '../rows/redaction-settings-rows.js';

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
      const row = select.get(projectId) as RedactionSettingsRow | undefined;
      return row ? toRedactionSettings(row) : null;
    },
    async put(projectId, settings) {
      return toRedactionSettings(
        upsert.get(projectId, JSON.stringify(settings), Date.now()) as RedactionSettingsRow,
      );
    },
  };
}
