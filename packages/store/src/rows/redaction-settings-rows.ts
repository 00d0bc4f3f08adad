import type { RedactionSettingsRecord } from '../redaction-settings-store.js';

export interface RedactionSettingsRow {
  project_id: string;
  settings: string;
  revision: number;
  updated_at: number;
}

export const toRedactionSettings = (row: RedactionSettingsRow): RedactionSettingsRecord => ({
  projectId: row.project_id,
  settings: JSON.parse(row.settings),
  revision: row.revision,
  updatedAt: new Date(row.updated_at),
});
