import type pg from 'pg';
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
import { inTransaction, lockKey, type Queryable } from './postgres-database.js';

/**
 * A {@link VersionedRegistry} on PostgreSQL. Every write first takes an advisory lock on (table, project,
 * name) for its transaction, so the read-check-write of optimistic concurrency is atomic across servers,
 * including for a name that does not exist yet (which no row lock could cover).
 */
export function createPostgresRegistry<D>(pool: pg.Pool, tables: RegistryTables): VersionedRegistry<D> {
  const { entries, versions, labels, events } = tables;
  const toVersion = toVersionRecord<D>;
  const lockName = (client: Queryable, projectId: string, name: string) =>
    lockKey(client, `${entries}:${projectId}:${name}`);
  const latestOf = async (client: Queryable, projectId: string, name: string) =>
    (
      await client.query<{ latest_version: number }>(
        `SELECT latest_version FROM ${entries} WHERE project_id = $1 AND name = $2`,
        [projectId, name],
      )
    ).rows[0]?.latest_version ?? null;
  const versionRow = async (client: Queryable, projectId: string, name: string, version: number) =>
    (
      await client.query<RegistryVersionRow>(
        `SELECT * FROM ${versions} WHERE project_id = $1 AND name = $2 AND version = $3`,
        [projectId, name, version],
      )
    ).rows[0];
  const labelsOf = async (client: Queryable, projectId: string, name: string) => {
    const { rows } = await client.query<LabelRow>(
      `SELECT label, version FROM ${labels} WHERE project_id = $1 AND name = $2 ORDER BY label`,
      [projectId, name],
    );
    return toLabelMap(rows);
  };

  /** The label move itself; runs inside a caller's transaction that holds the name's lock. */
  async function moveLabelIn(
    client: Queryable,
    projectId: string,
    input: MoveLabelInput,
  ): Promise<MoveLabelOutcome> {
    if ((await latestOf(client, projectId, input.name)) === null)
      return { status: 'not_found', missing: 'name' };
    if (input.toVersion !== null && !(await versionRow(client, projectId, input.name, input.toVersion))) {
      return { status: 'not_found', missing: 'version' };
    }
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${labels} WHERE project_id = $1 AND name = $2 AND label = $3`,
      [projectId, input.name, input.label],
    );
    const current = rows[0]?.version ?? null;
    if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
      return {
        status: 'conflict',
        currentVersion: current,
        labels: await labelsOf(client, projectId, input.name),
      };
    }
    if (input.toVersion === null && current === null) return { status: 'not_found', missing: 'label' };
    if (input.toVersion === current) {
      return { status: 'unchanged', event: null, labels: await labelsOf(client, projectId, input.name) };
    }
    const now = Date.now();
    if (input.toVersion === null) {
      await client.query(`DELETE FROM ${labels} WHERE project_id = $1 AND name = $2 AND label = $3`, [
        projectId,
        input.name,
        input.label,
      ]);
    } else {
      await client.query(
        `INSERT INTO ${labels} (project_id, name, label, version, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, name, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
        [projectId, input.name, input.label, input.toVersion, now],
      );
    }
    await client.query(`UPDATE ${entries} SET updated_at = $1 WHERE project_id = $2 AND name = $3`, [
      now,
      projectId,
      input.name,
    ]);
    const event = await client.query<LabelEventRow>(
      `INSERT INTO ${events} (project_id, name, label, from_version, to_version, actor_user, actor_key_id,
         actor_key_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      labelEventValues(projectId, input, current, now),
    );
    return {
      status: 'moved',
      event: toLabelEvent(event.rows[0] as LabelEventRow),
      labels: await labelsOf(client, projectId, input.name),
    };
  }

  async function createVersionIn(
    client: Queryable,
    projectId: string,
    input: CreateVersionInput<D>,
  ): Promise<CreateVersionOutcome<D>> {
    const latest = await latestOf(client, projectId, input.name);
    if (input.expectedLatestVersion !== undefined && input.expectedLatestVersion !== latest) {
      return { status: 'conflict', latestVersion: latest };
    }
    let row = latest === null ? undefined : await versionRow(client, projectId, input.name, latest);
    let status: 'created' | 'unchanged' = 'unchanged';
    if (!row || row.content_hash !== input.contentHash) {
      status = 'created';
      const version = (latest ?? 0) + 1;
      const now = Date.now();
      if (latest === null) {
        await client.query(
          `INSERT INTO ${entries} (project_id, name, latest_version, created_at, updated_at) VALUES ($1, $2, 1, $3, $3)`,
          [projectId, input.name, now],
        );
      } else {
        await client.query(
          `UPDATE ${entries} SET latest_version = $1, updated_at = $2 WHERE project_id = $3 AND name = $4`,
          [version, now, projectId, input.name],
        );
      }
      row = (
        await client.query<RegistryVersionRow>(
          `INSERT INTO ${versions} (project_id, name, version, definition, content_hash, commit_message,
             actor_user, actor_key_id, actor_key_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING *`,
          versionValues(projectId, input, version, now),
        )
      ).rows[0];
    }
    const record = toVersion(row as RegistryVersionRow);
    const labelEvents: LabelEvent[] = [];
    for (const label of input.labels ?? []) {
      const moved = await moveLabelIn(client, projectId, {
        name: input.name,
        label,
        toVersion: record.version,
        actor: input.actor,
      });
      if (moved.status === 'moved' && moved.event) labelEvents.push(moved.event);
    }
    return { status, version: record, labelEvents };
  }

  const entrySql = `SELECT v.*, e.created_at AS entry_created_at, e.updated_at AS entry_updated_at
    FROM ${entries} e JOIN ${versions} v ON v.project_id = e.project_id AND v.name = e.name AND v.version = e.latest_version
    WHERE e.project_id = $1`;

  return {
    async list(projectId) {
      const { rows } = await pool.query<RegistryEntryRow>(`${entrySql} ORDER BY e.name`, [projectId]);
      const labelRows = await pool.query<LabelRow>(
        `SELECT name, label, version FROM ${labels} WHERE project_id = $1 ORDER BY label`,
        [projectId],
      );
      const labelsByName = groupLabelsByName(labelRows.rows);
      return rows.map((row) => toRegistryEntry<D>(row, labelsByName.get(row.name) ?? {}));
    },
    async get(projectId, name) {
      const row = (await pool.query<RegistryEntryRow>(`${entrySql} AND e.name = $2`, [projectId, name]))
        .rows[0];
      return row ? toRegistryEntry<D>(row, await labelsOf(pool, projectId, name)) : null;
    },
    async getVersion(projectId, name, version) {
      const row = await versionRow(pool, projectId, name, version);
      return row ? toVersion(row) : null;
    },
    async listVersions(projectId, name, options = {}) {
      const { rows } = await pool.query<RegistryVersionRow>(
        `SELECT * FROM ${versions} WHERE project_id = $1 AND name = $2 AND version < $3::bigint ORDER BY version DESC LIMIT $4`,
        [projectId, name, options.beforeVersion ?? 2_147_483_647, options.limit ?? 100],
      );
      return rows.map(toVersion);
    },
    createVersion: (projectId, input) =>
      inTransaction(pool, async (client) => {
        await lockName(client, projectId, input.name);
        return createVersionIn(client, projectId, input);
      }),
    moveLabel: (projectId, input) =>
      inTransaction(pool, async (client) => {
        await lockName(client, projectId, input.name);
        return moveLabelIn(client, projectId, input);
      }),
    async listLabelEvents(projectId, name, options = {}) {
      const { rows } = await pool.query<LabelEventRow>(
        `SELECT * FROM ${events} WHERE project_id = $1 AND name = $2 ORDER BY id DESC LIMIT $3`,
        [projectId, name, options.limit ?? 500],
      );
      return rows.map(toLabelEvent);
    },
  };
}
