import type {
  Actor,
  CreateVersionInput,
  LabelEvent,
  MoveLabelInput,
  RegistryEntry,
  VersionRecord,
} from '../versioned-registry.js';

/** The four tables of one registry (see migration 3); names come from code, never from input. */
export interface RegistryTables {
  entries: string;
  versions: string;
  labels: string;
  events: string;
}

export const promptTables: RegistryTables = {
  entries: 'prompts',
  versions: 'prompt_versions',
  labels: 'prompt_labels',
  events: 'prompt_label_events',
};

export const releaseTables: RegistryTables = {
  entries: 'releases',
  versions: 'release_versions',
  labels: 'release_labels',
  events: 'release_label_events',
};

export interface RegistryVersionRow {
  name: string;
  version: number;
  definition: string;
  content_hash: string;
  commit_message: string | null;
  actor_user: string | null;
  actor_key_id: string | null;
  actor_key_name: string | null;
  created_at: number;
}
/** A name's latest version joined with the entry's own times. */
export interface RegistryEntryRow extends RegistryVersionRow {
  entry_created_at: number;
  entry_updated_at: number;
}
export interface LabelEventRow {
  id: number;
  name: string;
  label: string;
  from_version: number | null;
  to_version: number | null;
  actor_user: string | null;
  actor_key_id: string | null;
  actor_key_name: string | null;
  created_at: number;
}
export interface LabelRow {
  name: string;
  label: string;
  version: number;
}

const toActor = (row: RegistryVersionRow | LabelEventRow): Actor => ({
  user: row.actor_user,
  apiKeyId: row.actor_key_id,
  apiKeyName: row.actor_key_name,
});

export const toLabelEvent = (row: LabelEventRow): LabelEvent => ({
  id: row.id,
  name: row.name,
  label: row.label,
  fromVersion: row.from_version,
  toVersion: row.to_version,
  actor: toActor(row),
  createdAt: new Date(row.created_at),
});

/**
 * Values for a version's `(project_id, name, version, definition, content_hash, commit_message,
 * actor_user, actor_key_id, actor_key_name, created_at)`.
 */
export const versionValues = <D>(
  projectId: string,
  input: CreateVersionInput<D>,
  version: number,
  createdAt: number,
) => [
  projectId,
  input.name,
  version,
  JSON.stringify(input.definition),
  input.contentHash,
  input.commitMessage,
  input.actor.user,
  input.actor.apiKeyId,
  input.actor.apiKeyName,
  createdAt,
];

/**
 * Values for a label move's `(project_id, name, label, from_version, to_version, actor_user,
 * actor_key_id, actor_key_name, created_at)`.
 */
export const labelEventValues = (
  projectId: string,
  input: MoveLabelInput,
  fromVersion: number | null,
  createdAt: number,
) => [
  projectId,
  input.name,
  input.label,
  fromVersion,
  input.toVersion,
  input.actor.user,
  input.actor.apiKeyId,
  input.actor.apiKeyName,
  createdAt,
];

export const toVersionRecord = <D>(row: RegistryVersionRow): VersionRecord<D> => ({
  name: row.name,
  version: row.version,
  definition: JSON.parse(row.definition) as D,
  contentHash: row.content_hash,
  commitMessage: row.commit_message,
  createdBy: toActor(row),
  createdAt: new Date(row.created_at),
});

export const toRegistryEntry = <D>(
  row: RegistryEntryRow,
  labels: Record<string, number>,
): RegistryEntry<D> => ({
  name: row.name,
  latest: toVersionRecord<D>(row),
  labels,
  createdAt: new Date(row.entry_created_at),
  updatedAt: new Date(row.entry_updated_at),
});

/** One name's labels as `{ label: version }`. */
export const toLabelMap = (rows: readonly Pick<LabelRow, 'label' | 'version'>[]): Record<string, number> =>
  Object.fromEntries(rows.map((row) => [row.label, row.version]));

/** Every name's labels, from a project's label rows. */
export function groupLabelsByName(rows: readonly LabelRow[]): Map<string, Record<string, number>> {
  const labelsByName = new Map<string, Record<string, number>>();
  for (const label of rows) {
    const record = labelsByName.get(label.name) ?? {};
    record[label.label] = label.version;
    labelsByName.set(label.name, record);
  }
  return labelsByName;
}
