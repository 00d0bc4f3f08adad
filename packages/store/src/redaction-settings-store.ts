/** A project's redaction settings as stored: the JSON the user gave (validated by the server), versioned. */
export interface RedactionSettingsRecord {
  projectId: string;
  settings: unknown;
  /** 1 on the first save, +1 on each change; readers cache by it. */
  revision: number;
  updatedAt: Date;
}

/** Per-project PII redaction settings, read on every ingestion batch (through a cache) and rarely written. */
export interface RedactionSettingsStore {
  /** Null when the project never saved settings. */
  get(projectId: string): Promise<RedactionSettingsRecord | null>;
  /** Replaces the settings and bumps the revision. */
  put(projectId: string, settings: unknown): Promise<RedactionSettingsRecord>;
}
