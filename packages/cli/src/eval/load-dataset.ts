import fs from 'node:fs';
import path from 'node:path';
import { SextantError } from '@sextant/core';
import type { Suite } from '@sextant/core/gates';
import type { ApiRequest } from '../registry-client.js';

/** One dataset item as a suite runs it. */
export interface EvalItem {
  id: string;
  input: unknown;
  expected: unknown;
  metadata: Record<string, unknown>;
}

export interface LoadedDataset {
  items: EvalItem[];
  /** "qa@3" for a stored dataset, the file name for a local one. */
  source: string;
  /** Set for a stored dataset (not a local file). */
  name?: string;
  version?: number;
}

interface ItemPage {
  version: number;
  items: Array<{ id: string; input: unknown; expectedOutput: unknown; metadata: Record<string, unknown> }>;
  nextCursor: string | null;
}

function readFileItems(file: string): EvalItem[] {
  if (!fs.existsSync(file)) throw new SextantError('bad_request', `dataset file ${file} does not exist`);
  const text = fs.readFileSync(file, 'utf8');
  const rows: unknown[] = file.endsWith('.json')
    ? JSON.parse(text)
    : text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, index) => {
          try {
            return JSON.parse(line);
          } catch {
            throw new SextantError('bad_request', `${path.basename(file)} line ${index + 1} is not JSON`);
          }
        });
  return rows.map((row, index) => {
    const value = (row ?? {}) as Record<string, unknown>;
    return {
      id: typeof value.id === 'string' ? value.id : `item-${index + 1}`,
      input: value.input,
      expected: value.expectedOutput ?? value.expected,
      metadata: (value.metadata as Record<string, unknown>) ?? {},
    };
  });
}

/** The items of a suite's dataset: every page of a stored version, or a local JSONL/JSON file. */
export async function loadDataset(
  suite: Suite,
  directory: string,
  api: ApiRequest | undefined,
): Promise<LoadedDataset> {
  const { dataset } = suite;
  if ('file' in dataset) {
    return { items: readFileItems(path.resolve(directory, dataset.file)), source: dataset.file };
  }
  if (!api)
    throw new SextantError(
      'bad_request',
      `suite '${suite.name}' reads dataset '${dataset.name}' from the server; pass --api-key`,
    );
  const items: EvalItem[] = [];
  let cursor: string | null = null;
  let version = dataset.version;
  do {
    const query = new URLSearchParams({ limit: '1000' });
    if (version) query.set('version', String(version));
    if (cursor) query.set('cursor', cursor);
    const page: ItemPage = await api<ItemPage>(
      'GET',
      `/api/datasets/${encodeURIComponent(dataset.name)}/items?${query}`,
    );
    version = page.version;
    items.push(
      ...page.items.map((item) => ({
        id: item.id,
        input: item.input,
        expected: item.expectedOutput,
        metadata: item.metadata,
      })),
    );
    cursor = page.nextCursor;
  } while (cursor);
  if (items.length === 0)
    throw new SextantError('bad_request', `dataset '${dataset.name}' version ${version} has no items`);
  return { items, source: `${dataset.name}@${version}`, name: dataset.name, version };
}
