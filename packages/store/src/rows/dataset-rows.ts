import { randomUUID } from 'node:crypto';
import { type DatasetItem, type ParsedDatasetItemInput, SextantError } from '@sextant/core';
import type { DatasetRecord, DatasetVersionRecord } from '../dataset-store.js';

export interface DatasetRow {
  id: number;
  name: string;
  description: string;
  latest_version: number;
  item_count: number;
  pending_version: number | null;
  pending_heartbeat_at: number | null;
  created_at: number;
  updated_at: number;
}
export interface DatasetVersionRow {
  version: number;
  item_count: number;
  added: number;
  updated: number;
  removed: number;
  message: string | null;
  created_at: number;
}
/** A `dataset_items` row; each adapter adds the column its pages are ordered by. */
export interface DatasetItemRow {
  item_id: string;
  added_in_version: number;
  input: string;
  expected_output: string | null;
  metadata: string;
  split: string | null;
}

export const toDataset = (row: DatasetRow): DatasetRecord => ({
  name: row.name,
  description: row.description,
  latestVersion: row.latest_version,
  itemCount: row.item_count,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});
export const toDatasetVersion = (row: DatasetVersionRow): DatasetVersionRecord => ({
  version: row.version,
  itemCount: row.item_count,
  added: row.added,
  updated: row.updated,
  removed: row.removed,
  message: row.message,
  createdAt: new Date(row.created_at),
});
export const toDatasetItem = (row: DatasetItemRow): DatasetItem => ({
  id: row.item_id,
  input: JSON.parse(row.input),
  expectedOutput: row.expected_output === null ? null : JSON.parse(row.expected_output),
  metadata: JSON.parse(row.metadata),
  split: row.split,
  version: row.added_in_version,
});

/** An item's stored values: JSON text, a missing expected output as NULL, a generated id when it has none. */
export const toDatasetItemColumns = (item: ParsedDatasetItemInput) => ({
  itemId: item.id ?? randomUUID(),
  input: JSON.stringify(item.input),
  expectedOutput:
    item.expectedOutput === undefined || item.expectedOutput === null
      ? null
      : JSON.stringify(item.expectedOutput),
  metadata: JSON.stringify(item.metadata),
  split: item.split ?? null,
});

/** An import that wrote no batch for this long is taken to have died with its process. */
export const abandonedImportMs = 60_000;

/** The version a read asks for (the latest when none), or not_found naming the versions there are. */
export function resolveDatasetVersion(row: DatasetRow, version: number | undefined): number {
  if (version === undefined) return row.latest_version;
  if (version < 1 || version > row.latest_version) {
    throw new SextantError(
      'not_found',
      `dataset '${row.name}' has no version ${version}; versions: 1-${row.latest_version}`,
    );
  }
  return version;
}
