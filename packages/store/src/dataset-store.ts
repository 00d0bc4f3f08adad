import type { DatasetItem, ParsedDatasetItemInput } from '@sextant/core';

/** A dataset as listed: its newest version and how many items that version holds. */
export interface DatasetRecord {
  name: string;
  description: string;
  /** 0 until the first items are written. */
  latestVersion: number;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One immutable version: what changed to produce it. */
export interface DatasetVersionRecord {
  version: number;
  itemCount: number;
  added: number;
  updated: number;
  removed: number;
  message: string | null;
  createdAt: Date;
}

/** Which items to read: a version (default: the newest) and optionally one split. */
export interface DatasetItemQuery {
  version?: number;
  split?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** 1-1000. */
  limit: number;
}

export interface DatasetItemPage {
  version: number;
  items: DatasetItem[];
  nextCursor: string | null;
}

/** Items to write in one new version: new or replaced items (by id) and ids to delete. */
export interface DatasetChanges {
  upsert?: readonly ParsedDatasetItemInput[];
  delete?: readonly string[];
  message?: string;
}

/**
 * Versioned datasets. A version is never rewritten: an edit writes only the changed item rows and marks the
 * replaced ones as removed from that version on, so a small edit of a million-item dataset costs a few rows.
 * Every method takes the project id; a dataset of another project reads as missing.
 */
export interface DatasetStore {
  /** Fails with `conflict` when the project already has a dataset of that name. */
  create(projectId: string, input: { name: string; description: string }): Promise<DatasetRecord>;
  get(projectId: string, name: string): Promise<DatasetRecord | null>;
  list(projectId: string): Promise<DatasetRecord[]>;
  /** Newest first. */
  listVersions(projectId: string, name: string): Promise<DatasetVersionRecord[]>;
  /** Writes the changes as one new version; ids generated for items without one. */
  applyChanges(projectId: string, name: string, changes: DatasetChanges): Promise<DatasetVersionRecord>;
  /**
   * Appends streamed batches as one new version, each batch in its own transaction. The version becomes
   * visible only after the last batch; when the source throws, every row written so far is removed and
   * the error is rethrown. An id already in the dataset fails the import (`conflict`).
   */
  importItems(
    projectId: string,
    name: string,
    batches: AsyncIterable<readonly ParsedDatasetItemInput[]>,
    options?: { message?: string },
  ): Promise<DatasetVersionRecord>;
  /** Items of a version in insertion order, a page at a time. */
  listItems(projectId: string, name: string, query: DatasetItemQuery): Promise<DatasetItemPage>;
  /** Item counts per split of a version; items without a split count under `null`. */
  listSplits(
    projectId: string,
    name: string,
    version?: number,
  ): Promise<{ version: number; splits: { split: string | null; count: number }[] }>;
}
