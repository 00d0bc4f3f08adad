import { type ParsedDatasetItemInput, SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { DatasetChanges, DatasetItemPage, DatasetItemQuery, DatasetStore } from '../dataset-store.js';
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

interface ItemRow extends DatasetItemRow {
  rowid: number;
}

/** Rows visible in version `@version`: written at or before it and not yet replaced or deleted by then. */
const visibleIn =
  'added_in_version <= @version AND (removed_in_version IS NULL OR removed_in_version > @version)';

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/** The datasets part of the SQLite store. Item rows carry the version range they are visible in. */
export function createSqliteDatasetStore(db: Database.Database): DatasetStore {
  const selectDataset = db.prepare('SELECT * FROM datasets WHERE project_id = ? AND name = ?');
  const insertItem = db.prepare(
    `INSERT INTO dataset_items (dataset_id, item_id, added_in_version, input, expected_output, metadata, split)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const retireItem = db.prepare(
    `UPDATE dataset_items SET removed_in_version = ?
     WHERE dataset_id = ? AND item_id = ? AND removed_in_version IS NULL`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO dataset_versions (dataset_id, version, item_count, added, updated, removed, message, created_at)
     VALUES (@datasetId, @version, @itemCount, @added, @updated, @removed, @message, @createdAt)`,
  );
  const advance = db.prepare(
    `UPDATE datasets SET latest_version = ?, item_count = ?, pending_version = NULL, pending_heartbeat_at = NULL, updated_at = ? WHERE id = ?`,
  );
  /** Imports running in this store; others' pending versions count as running while their heartbeat is fresh. */
  const activeImports = new Set<number>();
  const ownsPending = (datasetId: number, version: number) =>
    (db.prepare('SELECT pending_version FROM datasets WHERE id = ?').get(datasetId) as DatasetRow | undefined)
      ?.pending_version === version;

  const requireDataset = (projectId: string, name: string): DatasetRow => {
    const row = selectDataset.get(projectId, name) as DatasetRow | undefined;
    if (!row) {
      throw new SextantError(
        'not_found',
        `dataset '${name}' not found in this project; create it with \`sextant datasets create ${name}\``,
      );
    }
    return row;
  };

  /** Refuses to write while an import runs; clears the leftovers of one whose process stopped. */
  const requireIdle = (row: DatasetRow) => {
    if (row.pending_version === null) return;
    const fresh = Date.now() - (row.pending_heartbeat_at ?? 0) < abandonedImportMs;
    if (activeImports.has(row.id) || fresh) {
      throw new SextantError(
        'conflict',
        `dataset '${row.name}' has an import in progress (version ${row.pending_version}); retry when it finishes`,
      );
    }
    discardPending(row.id, row.pending_version);
    row.pending_version = null;
  };

  /** Removes a pending version's rows, unless another writer has already taken the dataset over. */
  const discardPending = db.transaction((datasetId: number, version: number) => {
    if (!ownsPending(datasetId, version)) return;
    db.prepare('DELETE FROM dataset_items WHERE dataset_id = ? AND added_in_version = ?').run(
      datasetId,
      version,
    );
    db.prepare('UPDATE datasets SET pending_version = NULL, pending_heartbeat_at = NULL WHERE id = ?').run(
      datasetId,
    );
  });

  const requireOwnership = (row: DatasetRow, version: number) => {
    if (ownsPending(row.id, version)) return;
    throw new SextantError(
      'conflict',
      `the import into dataset '${row.name}' stalled for over ${abandonedImportMs / 1000} s and was abandoned; import again`,
    );
  };

  const writeItem = (datasetId: number, version: number, item: ParsedDatasetItemInput) => {
    const columns = toDatasetItemColumns(item);
    insertItem.run(
      datasetId,
      columns.itemId,
      version,
      columns.input,
      columns.expectedOutput,
      columns.metadata,
      columns.split,
    );
  };

  const apply = db.transaction((projectId: string, name: string, changes: DatasetChanges) => {
    const row = requireDataset(projectId, name);
    requireIdle(row);
    const version = row.latest_version + 1;
    let added = 0;
    let updated = 0;
    let removed = 0;
    for (const id of changes.delete ?? []) {
      if (retireItem.run(version, row.id, id).changes === 0) {
        throw new SextantError(
          'not_found',
          `item '${id}' is not in dataset '${name}' version ${row.latest_version}; list ids with \`sextant datasets items ${name}\``,
        );
      }
      removed += 1;
    }
    for (const item of changes.upsert ?? []) {
      if (item.id !== undefined && retireItem.run(version, row.id, item.id).changes > 0) updated += 1;
      else added += 1;
      try {
        writeItem(row.id, version, item);
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
    const now = Date.now();
    const record = {
      datasetId: row.id,
      version,
      itemCount: row.item_count + added - removed,
      added,
      updated,
      removed,
      message: changes.message ?? null,
      createdAt: now,
    };
    insertVersion.run(record);
    advance.run(version, record.itemCount, now, row.id);
    return toDatasetVersion({ ...record, item_count: record.itemCount, created_at: now });
  });

  const reserveImport = db.transaction((projectId: string, name: string) => {
    const row = requireDataset(projectId, name);
    requireIdle(row);
    const version = row.latest_version + 1;
    db.prepare('UPDATE datasets SET pending_version = ?, pending_heartbeat_at = ? WHERE id = ?').run(
      version,
      Date.now(),
      row.id,
    );
    activeImports.add(row.id);
    return { row, version };
  });

  const writeBatch = db.transaction(
    (row: DatasetRow, version: number, items: readonly ParsedDatasetItemInput[]) => {
      requireOwnership(row, version);
      for (const item of items) writeItem(row.id, version, item);
      db.prepare('UPDATE datasets SET pending_heartbeat_at = ? WHERE id = ?').run(Date.now(), row.id);
    },
  );

  const commitImport = db.transaction(
    (row: DatasetRow, version: number, added: number, message: string | null) => {
      requireOwnership(row, version);
      const now = Date.now();
      const itemCount = row.item_count + added;
      insertVersion.run({
        datasetId: row.id,
        version,
        itemCount,
        added,
        updated: 0,
        removed: 0,
        message,
        createdAt: now,
      });
      advance.run(version, itemCount, now, row.id);
      return toDatasetVersion({
        version,
        item_count: itemCount,
        added,
        updated: 0,
        removed: 0,
        message,
        created_at: now,
      });
    },
  );

  return {
    async create(projectId, input) {
      const now = Date.now();
      try {
        db.prepare(
          `INSERT INTO datasets (project_id, name, description, latest_version, item_count, created_at, updated_at)
           VALUES (?, ?, ?, 0, 0, ?, ?)`,
        ).run(projectId, input.name, input.description, now, now);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new SextantError(
          'conflict',
          `dataset '${input.name}' already exists; import into it, or choose another name`,
        );
      }
      return toDataset(requireDataset(projectId, input.name));
    },

    async get(projectId, name) {
      const row = selectDataset.get(projectId, name) as DatasetRow | undefined;
      return row ? toDataset(row) : null;
    },

    async list(projectId) {
      return (
        db.prepare('SELECT * FROM datasets WHERE project_id = ? ORDER BY name').all(projectId) as DatasetRow[]
      ).map(toDataset);
    },

    async listVersions(projectId, name) {
      const row = requireDataset(projectId, name);
      return (
        db
          .prepare('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY version DESC')
          .all(row.id) as DatasetVersionRow[]
      ).map(toDatasetVersion);
    },

    async applyChanges(projectId, name, changes) {
      return apply(projectId, name, changes);
    },

    async importItems(projectId, name, batches, options = {}) {
      const { row, version } = reserveImport(projectId, name);
      let added = 0;
      try {
        for await (const batch of batches) {
          try {
            writeBatch(row, version, batch);
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
        return commitImport(row, version, added, options.message ?? null);
      } catch (error) {
        discardPending(row.id, version);
        throw error;
      } finally {
        activeImports.delete(row.id);
      }
    },

    async listItems(projectId, name, query: DatasetItemQuery): Promise<DatasetItemPage> {
      const row = requireDataset(projectId, name);
      const version = resolveDatasetVersion(row, query.version);
      const after = query.cursor === undefined ? 0 : Number(query.cursor);
      if (!Number.isSafeInteger(after) || after < 0) {
        throw new SextantError('bad_request', `cursor '${query.cursor}' is not one this API returned`);
      }
      const rows = db
        .prepare(
          `SELECT rowid, item_id, added_in_version, input, expected_output, metadata, split FROM dataset_items
           WHERE dataset_id = @datasetId AND rowid > @after AND ${visibleIn}
           ${query.split === undefined ? '' : 'AND split IS @split'}
           ORDER BY rowid LIMIT @limit`,
        )
        .all({
          datasetId: row.id,
          after,
          version,
          limit: query.limit + 1,
          ...(query.split === undefined ? {} : { split: query.split }),
        }) as ItemRow[];
      const page = rows.slice(0, query.limit);
      return {
        version,
        items: page.map(toDatasetItem),
        nextCursor: rows.length > query.limit ? String(page.at(-1)!.rowid) : null,
      };
    },

    async listSplits(projectId, name, requested) {
      const row = requireDataset(projectId, name);
      const version = resolveDatasetVersion(row, requested);
      const splits = db
        .prepare(
          `SELECT split, count(*) AS count FROM dataset_items WHERE dataset_id = @datasetId AND ${visibleIn}
           GROUP BY split ORDER BY split IS NULL, split`,
        )
        .all({ datasetId: row.id, version }) as { split: string | null; count: number }[];
      return { version, splits };
    },
  };
}
