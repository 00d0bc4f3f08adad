import type pg from 'pg';
import type { RedactionSettingsStore } from '../redaction-settings-store.js';
import { type RedactionSettingsRow, toRedactionSettings } from '../rows/redaction-settings-rows.js';

/** `Store.redactionSettings` on PostgreSQL: one row per project; the upsert bumps the revision atomically. */
export function createPostgresRedactionSettingsStore(pool: pg.Pool): RedactionSettingsStore {
  return {
    async get(projectId) {
      const { rows } = await pool.query<RedactionSettingsRow>(
        'SELECT * FROM redaction_settings WHERE project_id = $1',
        [projectId],
      );
      return rows[0] ? toRedactionSettings(rows[0]) : null;
    },
    async put(projectId, settings) {
      const { rows } = await pool.query<RedactionSettingsRow>(
        `INSERT INTO redaction_settings (project_id, settings, revision, updated_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (project_id) DO UPDATE SET settings = excluded.settings,
           revision = redaction_settings.revision + 1, updated_at = excluded.updated_at
         RETURNING *`,
        [projectId, JSON.stringify(settings), Date.now()],
      );
      return toRedactionSettings(rows[0] as RedactionSettingsRow);
    },
  };
}
