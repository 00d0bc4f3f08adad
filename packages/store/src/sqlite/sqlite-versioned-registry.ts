import type Database from 'better-sqlite3';
import {
  groupLabelsByName,
  type LabelEventRow,
  type LabelRow,
  labelEventValues,
  type RegistryEntryRow,
  type RegistryTables,
  type RegistryVersionRow,
  toLabelEvent,
  toLabelMap,
  toRegistryEntry,
  toVersionRecord,
  versionValues,
} from '../rows/registry-rows.js';
import type {
  CreateVersionInput,
  CreateVersionOutcome,
  LabelEvent,
  MoveLabelInput,
  MoveLabelOutcome,
  VersionedRegistry,
} from '../versioned-registry.js';

/**
 * A {@link VersionedRegistry} on SQLite. Writes run in IMMEDIATE transactions, so the read-check-write of
 * optimistic concurrency is atomic even with other processes (the CLI, ingest workers) on the same file.
 */
export function createSqliteRegistry<D>(db: Database.Database, tables: RegistryTables): VersionedRegistry<D> {
  const { entries, versions, labels, events } = tables;
  const toVersion = toVersionRecord<D>;
  const statements = {
    entry: db.prepare(`SELECT latest_version FROM ${entries} WHERE project_id = ? AND name = ?`),
    version: db.prepare(`SELECT * FROM ${versions} WHERE project_id = ? AND name = ? AND version = ?`),
    insertEntry: db.prepare(
      `INSERT INTO ${entries} (project_id, name, latest_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)`,
    ),
    bumpEntry: db.prepare(
      `UPDATE ${entries} SET latest_version = ?, updated_at = ? WHERE project_id = ? AND name = ?`,
    ),
    touchEntry: db.prepare(`UPDATE ${entries} SET updated_at = ? WHERE project_id = ? AND name = ?`),
    insertVersion: db.prepare(
      `INSERT INTO ${versions} (project_id, name, version, definition, content_hash, commit_message,
         actor_user, actor_key_id, actor_key_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    label: db.prepare(`SELECT version FROM ${labels} WHERE project_id = ? AND name = ? AND label = ?`),
    labels: db.prepare(
      `SELECT label, version FROM ${labels} WHERE project_id = ? AND name = ? ORDER BY label`,
    ),
    upsertLabel: db.prepare(
      `INSERT INTO ${labels} (project_id, name, label, version, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (project_id, name, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
    ),
    deleteLabel: db.prepare(`DELETE FROM ${labels} WHERE project_id = ? AND name = ? AND label = ?`),
    insertEvent: db.prepare(
      `INSERT INTO ${events} (project_id, name, label, from_version, to_version, actor_user, actor_key_id,
         actor_key_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ),
  };

  const labelsOf = (projectId: string, name: string) =>
    toLabelMap(statements.labels.all(projectId, name) as LabelRow[]);

  /** The label move itself; runs inside a caller's transaction. */
  const moveLabelInTransaction = (projectId: string, input: MoveLabelInput): MoveLabelOutcome => {
    const entry = statements.entry.get(projectId, input.name) as { latest_version: number } | undefined;
    if (!entry) return { status: 'not_found', missing: 'name' };
    if (input.toVersion !== null && !statements.version.get(projectId, input.name, input.toVersion)) {
      return { status: 'not_found', missing: 'version' };
    }
    const current =
      (statements.label.get(projectId, input.name, input.label) as { version: number } | undefined)
        ?.version ?? null;
    if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
      return { status: 'conflict', currentVersion: current, labels: labelsOf(projectId, input.name) };
    }
    if (input.toVersion === null && current === null) return { status: 'not_found', missing: 'label' };
    if (input.toVersion === current)
      return { status: 'unchanged', event: null, labels: labelsOf(projectId, input.name) };
    const now = Date.now();
    if (input.toVersion === null) statements.deleteLabel.run(projectId, input.name, input.label);
    else statements.upsertLabel.run(projectId, input.name, input.label, input.toVersion, now);
    statements.touchEntry.run(now, projectId, input.name);
    const row = statements.insertEvent.get(labelEventValues(projectId, input, current, now)) as LabelEventRow;
    return { status: 'moved', event: toLabelEvent(row), labels: labelsOf(projectId, input.name) };
  };

  const createVersion = db.transaction(
    (projectId: string, input: CreateVersionInput<D>): CreateVersionOutcome<D> => {
      const entry = statements.entry.get(projectId, input.name) as { latest_version: number } | undefined;
      const latest = entry?.latest_version ?? null;
      if (input.expectedLatestVersion !== undefined && input.expectedLatestVersion !== latest) {
        return { status: 'conflict', latestVersion: latest };
      }
      const latestRow =
        latest === null
          ? undefined
          : (statements.version.get(projectId, input.name, latest) as RegistryVersionRow);
      let status: 'created' | 'unchanged' = 'unchanged';
      let row = latestRow;
      if (!latestRow || latestRow.content_hash !== input.contentHash) {
        status = 'created';
        const version = (latest ?? 0) + 1;
        const now = Date.now();
        if (latest === null) statements.insertEntry.run(projectId, input.name, now, now);
        else statements.bumpEntry.run(version, now, projectId, input.name);
        statements.insertVersion.run(versionValues(projectId, input, version, now));
        row = statements.version.get(projectId, input.name, version) as RegistryVersionRow;
      }
      const record = toVersion(row as RegistryVersionRow);
      const labelEvents: LabelEvent[] = [];
      for (const label of input.labels ?? []) {
        const moved = moveLabelInTransaction(projectId, {
          name: input.name,
          label,
          toVersion: record.version,
          actor: input.actor,
        });
        if (moved.status === 'moved' && moved.event) labelEvents.push(moved.event);
      }
      return { status, version: record, labelEvents };
    },
  );
  const moveLabel = db.transaction(moveLabelInTransaction);

  return {
    async list(projectId) {
      const rows = db
        .prepare(
          `SELECT v.*, e.created_at AS entry_created_at, e.updated_at AS entry_updated_at
           FROM ${entries} e JOIN ${versions} v
             ON v.project_id = e.project_id AND v.name = e.name AND v.version = e.latest_version
           WHERE e.project_id = ? ORDER BY e.name`,
        )
        .all(projectId) as RegistryEntryRow[];
      const labelRows = db
        .prepare(`SELECT name, label, version FROM ${labels} WHERE project_id = ? ORDER BY label`)
        .all(projectId) as LabelRow[];
      const labelsByName = groupLabelsByName(labelRows);
      return rows.map((row) => toRegistryEntry<D>(row, labelsByName.get(row.name) ?? {}));
    },
    async get(projectId, name) {
      const row = db
        .prepare(
          `SELECT v.*, e.created_at AS entry_created_at, e.updated_at AS entry_updated_at
           FROM ${entries} e JOIN ${versions} v
             ON v.project_id = e.project_id AND v.name = e.name AND v.version = e.latest_version
           WHERE e.project_id = ? AND e.name = ?`,
        )
        .get(projectId, name) as RegistryEntryRow | undefined;
      return row ? toRegistryEntry<D>(row, labelsOf(projectId, name)) : null;
    },
    async getVersion(projectId, name, version) {
      const row = statements.version.get(projectId, name, version) as RegistryVersionRow | undefined;
      return row ? toVersion(row) : null;
    },
    async listVersions(projectId, name, options = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM ${versions} WHERE project_id = ? AND name = ? AND version < ? ORDER BY version DESC LIMIT ?`,
        )
        .all(
          projectId,
          name,
          options.beforeVersion ?? Number.MAX_SAFE_INTEGER,
          options.limit ?? 100,
        ) as RegistryVersionRow[];
      return rows.map(toVersion);
    },
    async createVersion(projectId, input) {
      return createVersion.immediate(projectId, input);
    },
    async moveLabel(projectId, input) {
      return moveLabel.immediate(projectId, input);
    },
    async listLabelEvents(projectId, name, options = {}) {
      const rows = db
        .prepare(`SELECT * FROM ${events} WHERE project_id = ? AND name = ? ORDER BY id DESC LIMIT ?`)
        .all(projectId, name, options.limit ?? 500) as LabelEventRow[];
      return rows.map(toLabelEvent);
    },
  };
}
