import { type ParsedDatasetItemInput, SextantError } from '@sextant/core';
import type pg from 'pg';
import type { DatasetStore, DatasetVersionRecord } from '../dataset-store.js';
import {
  abandonedImportMs,
  type DatasetItemRow,
  type DatasetRow,
  type DatasetVersionRow,
  resolveDatasetVersion,
  toDataset,
  toDatasetItem,
  toDatasetItemColumns,
  toDatasetVersion,
} from '../rows/dataset-rows.js';
import { inTransaction, isUniqueViolation, lockKey, type Queryable } from './postgres-database.js';

interface ItemRow extends DatasetItemRow {
  seq: number;
}

/** Rows visible in version $2: written at or before it and not yet replaced or deleted by then. */
const visibleIn = 'added_in_version <= $2 AND (removed_in_version IS NULL OR removed_in_version > $2)';

/**
 * The datasets part of the PostgreSQL store, the same versioning as SQLite. Writers of one dataset take
 * an advisory lock on it for their transaction, so edits from several servers apply one after another.
 */
export function createPostgresDatasetStore(pool: pg.Pool): DatasetStore {
  const activeImports = new Set<number>();

  const findDataset = async (client: Queryable, projectId: string, name: string) =>
    (
      await client.query<DatasetRow>('SELECT * FROM datasets WHERE project_id = $1 AND name = $2', [
        projectId,
        name,
      ])
    ).rows[0];

  const requireDataset = async (client: Queryable, projectId: string, name: string): Promise<DatasetRow> => {
    const row = await findDataset(client, projectId, name);
    if (!row) {
      throw new SextantError(
        'not_found',
        `dataset '${name}' not found in this project; create it with \`sextant datasets create ${name}\``,
      );
    }
    return row;
  };

  /** Takes the dataset's write lock, then reads it fresh. */
  const lockDataset = async (client: Queryable, projectId: string, name: string) => {
    await lockKey(client, `dataset:${projectId}:${name}`);
    return requireDataset(client, projectId, name);
  };

  /** Refuses to write while an import runs; clears the leftovers of one whose process stopped. */
  const requireIdle = async (client: Queryable, row: DatasetRow) => {
    if (row.pending_version === null) return;
    const fresh = Date.now() - (row.pending_heartbeat_at ?? 0) < abandonedImportMs;
    if (activeImports.has(row.id) || fresh) {
      throw new SextantError(
        'conflict',
        `dataset '${row.name}' has an import in progress (version ${row.pending_version}); retry when it finishes`,
      );
    }
    await discardPendingIn(client, row.id, row.pending_version);
    row.pending_version = null;
  };

  const ownsPending = async (client: Queryable, datasetId: number, version: number) =>
    (
      await client.query<{ pending_version: number | null }>(
        'SELECT pending_version FROM datasets WHERE id = $1',
        [datasetId],
      )
    ).rows[0]?.pending_version === version;

  const discardPendingIn = async (client: Queryable, datasetId: number, version: number) => {
    if (!(await ownsPending(client, datasetId, version))) return;
    await client.query('DELETE FROM dataset_items WHERE dataset_id = $1 AND added_in_version = $2', [
      datasetId,
      version,
    ]);
    await client.query(
      'UPDATE datasets SET pending_version = NULL, pending_heartbeat_at = NULL WHERE id = $1',
      [datasetId],
    );
  };

  const requireOwnership = async (client: Queryable, row: DatasetRow, version: number) => {
    if (await ownsPending(client, row.id, version)) return;
    throw new SextantError(
      'conflict',
      `the import into dataset '${row.name}' stalled for over ${abandonedImportMs / 1000} s and was abandoned; import again`,
    );
  };

  const writeItems = async (
    client: Queryable,
    datasetId: number,
    version: number,
    items: readonly ParsedDatasetItemInput[],
  ) => {
    if (items.length === 0) return;
    const columns = items.map(toDatasetItemColumns);
    await client.query(
      `INSERT INTO dataset_items (dataset_id, item_id, added_in_version, input, expected_output, metadata, split)
       SELECT $1, u.item_id, $2, u.input, u.expected_output, u.metadata, u.split
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
         AS u(item_id, input, expected_output, metadata, split, position)
       ORDER BY u.position`,
      [
        datasetId,
        version,
        columns.map((item) => item.itemId),
        columns.map((item) => item.input),
        columns.map((item) => item.expectedOutput),
        columns.map((item) => item.metadata),
        columns.map((item) => item.split),
      ],
    );
  };

  const retire = async (client: Queryable, version: number, datasetId: number, itemId: string) =>
    ((
      await client.query(
        `UPDATE dataset_items SET removed_in_version = $1
         WHERE dataset_id = $2 AND item_id = $3 AND removed_in_version IS NULL`,
        [version, datasetId, itemId],
      )
    ).rowCount ?? 0) > 0;

  const recordVersion = async (
    client: Queryable,
    row: DatasetRow,
    version: DatasetVersionRow,
  ): Promise<DatasetVersionRecord> => {
    await client.query(
      `INSERT INTO dataset_versions (dataset_id, version, item_count, added, updated, removed, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.id,
        version.version,
        version.item_count,
        version.added,
        version.updated,
        version.removed,
        version.message,
        version.created_at,
      ],
    );
    await client.query(
      `UPDATE datasets SET latest_version = $1, item_count = $2, pending_version = NULL, pending_heartbeat_at = NULL,
         updated_at = $3 WHERE id = $4`,
      [version.version, version.item_count, version.created_at, row.id],
    );
    return toDatasetVersion(version);
  };

  return {
    async create(projectId, input) {
      const now = Date.now();
      try {
        const { rows } = await pool.query<DatasetRow>(
          `INSERT INTO datasets (project_id, name, description, latest_version, item_count, created_at, updated_at)
           VALUES ($1, $2, $3, 0, 0, $4, $4) RETURNING *`,
          [projectId, input.name, input.description, now],
        );
        return toDataset(rows[0] as DatasetRow);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new SextantError(
          'conflict',
          `dataset '${input.name}' already exists; import into it, or choose another name`,
        );
      }
    },

    async get(projectId, name) {
      const row = await findDataset(pool, projectId, name);
      return row ? toDataset(row) : null;
    },

    async list(projectId) {
      const { rows } = await pool.query<DatasetRow>(
        'SELECT * FROM datasets WHERE project_id = $1 ORDER BY name',
        [projectId],
      );
      return rows.map(toDataset);
    },

    async listVersions(projectId, name) {
      const row = await requireDataset(pool, projectId, name);
      const { rows } = await pool.query<DatasetVersionRow>(
        'SELECT * FROM dataset_versions WHERE dataset_id = $1 ORDER BY version DESC',
        [row.id],
      );
      return rows.map(toDatasetVersion);
    },

    applyChanges: (projectId, name, changes) =>
      inTransaction(pool, async (client) => {
        const row = await lockDataset(client, projectId, name);
        await requireIdle(client, row);
        const version = row.latest_version + 1;
        let added = 0;
        let updated = 0;
        let removed = 0;
        for (const id of changes.delete ?? []) {
          if (!(await retire(client, version, row.id, id))) {
            throw new SextantError(
              'not_found',
              `item '${id}' is not in dataset '${name}' version ${row.latest_version}; list ids with \`sextant datasets items ${name}\``,
            );
          }
          removed += 1;
        }
        for (const item of changes.upsert ?? []) {
          if (item.id !== undefined && (await retire(client, version, row.id, item.id))) updated += 1;
          else added += 1;
          try {
            await client.query('SAVEPOINT item');
            await writeItems(client, row.id, version, [item]);
            await client.query('RELEASE SAVEPOINT item');
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            throw new SextantError(
              'bad_request',
              `item id '${item.id}' appears twice in one change; send it once`,
            );
          }
        }
        if (added + updated + removed === 0) {
          throw new SextantError(
            'bad_request',
            'the change is empty; send items to add or update, or ids to delete',
          );
        }
        return recordVersion(client, row, {
          version,
          item_count: row.item_count + added - removed,
          added,
          updated,
          removed,
          message: changes.message ?? null,
          created_at: Date.now(),
        });
      }),

    async importItems(projectId, name, batches, options = {}) {
      const { row, version } = await inTransaction(pool, async (client) => {
        const row = await lockDataset(client, projectId, name);
        await requireIdle(client, row);
        const version = row.latest_version + 1;
        await client.query(
          'UPDATE datasets SET pending_version = $1, pending_heartbeat_at = $2 WHERE id = $3',
          [version, Date.now(), row.id],
        );
        return { row, version };
      });
      activeImports.add(row.id);
      let added = 0;
      try {
        for await (const batch of batches) {
          try {
            await inTransaction(pool, async (client) => {
              await lockKey(client, `dataset:${projectId}:${name}`);
              await requireOwnership(client, row, version);
              await writeItems(client, row.id, version, batch);
              await client.query('UPDATE datasets SET pending_heartbeat_at = $1 WHERE id = $2', [
                Date.now(),
                row.id,
              ]);
            });
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            throw new SextantError(
              'conflict',
              `an item id in rows ${added + 1}-${added + batch.length} is already in dataset '${name}' or repeats in the file; ` +
                'ids must be unique (leave the id column out to generate ids)',
            );
          }
          added += batch.length;
        }
        if (added === 0) throw new SextantError('bad_request', 'the file has no items; nothing was imported');
        return await inTransaction(pool, async (client) => {
          await lockKey(client, `dataset:${projectId}:${name}`);
          await requireOwnership(client, row, version);
          return recordVersion(client, row, {
            version,
            item_count: row.item_count + added,
            added,
            updated: 0,
            removed: 0,
            message: options.message ?? null,
            created_at: Date.now(),
          });
        });
      } catch (error) {
        await inTransaction(pool, async (client) => {
          await lockKey(client, `dataset:${projectId}:${name}`);
          await discardPendingIn(client, row.id, version);
        });
        throw error;
      } finally {
        activeImports.delete(row.id);
      }
    },

    async listItems(projectId, name, query) {
      const row = await requireDataset(pool, projectId, name);
      const version = resolveDatasetVersion(row, query.version);
      const after = query.cursor === undefined ? 0 : Number(query.cursor);
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new SextantError('bad_request', `cursor '${query.cursor}' is not one this API returned`);
      }
      const params: unknown[] = [row.id, version, after, query.limit + 1];
      if (query.split !== undefined) params.push(query.split);
      const { rows } = await pool.query<ItemRow>(
        `SELECT seq, item_id, added_in_version, input, expected_output, metadata, split FROM dataset_items
         WHERE dataset_id = $1 AND seq > $3 AND ${visibleIn}
         ${query.split === undefined ? '' : 'AND split IS NOT DISTINCT FROM $5'}
         ORDER BY seq LIMIT $4`,
        params,
      );
      const page = rows.slice(0, query.limit);
      return {
        version,
        items: page.map(toDatasetItem),
        nextCursor: rows.length > query.limit ? String(page.at(-1)?.seq) : null,
      };
    },

    async listSplits(projectId, name, requested) {
      const row = await requireDataset(pool, projectId, name);
      const version = resolveDatasetVersion(row, requested);
      const { rows } = await pool.query<{ split: string | null; count: number }>(
        `SELECT split, count(*) AS count FROM dataset_items WHERE dataset_id = $1 AND ${visibleIn}
         GROUP BY split ORDER BY split IS NULL, split`,
        [row.id, version],
      );
      return { version, splits: rows };
    },
  };
}
