import type { ApiClient } from './api-client';
import { ApiError, kindForStatus } from './api-error';

// Typed calls of /api/datasets. Imports and exports are files, not JSON, so they use fetch directly.

export interface DatasetSummary {
  name: string;
  description: string;
  latestVersion: number;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface DatasetVersion {
  version: number;
  itemCount: number;
  added: number;
  updated: number;
  removed: number;
  message: string | null;
  createdAt: string;
}

export interface DatasetItem {
  id: string;
  input: unknown;
  expectedOutput: unknown;
  metadata: Record<string, unknown>;
  split: string | null;
  version: number;
}

export interface DatasetDetail {
  dataset: DatasetSummary;
  versions: DatasetVersion[];
  splits: { split: string | null; count: number }[];
}

export interface ItemPage {
  version: number;
  items: DatasetItem[];
  nextCursor: string | null;
}

const base = (name: string) => `/api/datasets/${encodeURIComponent(name)}`;

export const listDatasets = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ datasets: DatasetSummary[] }>('GET', '/api/datasets', { signal });

export const createDataset = (client: ApiClient, name: string, description: string) =>
  client.send<{ dataset: DatasetSummary }>('POST', '/api/datasets', { body: { name, description } });

export const getDataset = (client: ApiClient, name: string, signal?: AbortSignal) =>
  client.send<DatasetDetail>('GET', base(name), { signal });

export const listItems = (
  client: ApiClient,
  name: string,
  query: { version?: number; split?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => client.send<ItemPage>('GET', `${base(name)}/items`, { query: { ...query }, signal });

/** Replaces items with the same id (and adds new ones) in one new version. */
export const saveItems = (
  client: ApiClient,
  name: string,
  items: Omit<DatasetItem, 'version'>[],
  message: string,
) => client.send<{ version: DatasetVersion }>('POST', `${base(name)}/items`, { body: { items, message } });

/** Adds a trace's span (its root by default) as an item: its input, and its output as the expected output. */
export const addItemFromTrace = (
  client: ApiClient,
  name: string,
  body: { traceId: string; spanId?: string; split?: string | null },
) =>
  client.send<{ version: DatasetVersion; item: DatasetItem }>('POST', `${base(name)}/items/from-trace`, {
    body,
  });

export type FileFormat = 'csv' | 'jsonl';

/** The format a file's name says, or null when it says neither. */
export function formatOfFile(fileName: string): FileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

/** Streams a CSV or JSONL file into a new version; the server names the bad line when one fails. */
export async function importFile(apiKey: string, name: string, file: File, format: FileFormat) {
  const response = await fetch(`${base(name)}/import?format=${format}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    },
    body: file,
  });
  return readJson<{ version: DatasetVersion; rows: number }>(response);
}

/** Downloads a version (optionally one split) as a file, through the browser's save dialog. */
export async function downloadExport(
  apiKey: string,
  name: string,
  query: { format: FileFormat; version: number; split?: string },
) {
  const search = new URLSearchParams({ format: query.format, version: String(query.version) });
  if (query.split) search.set('split', query.split);
  const response = await fetch(`${base(name)}/export?${search}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) await readJson(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}-v${query.version}${query.split ? `-${query.split}` : ''}.${query.format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok && body !== undefined) return body as T;
  const envelope = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    kindForStatus(response.status),
    envelope?.message ?? `HTTP ${response.status}: ${text.slice(0, 200) || 'no details'}`,
    response.status,
    envelope?.code ?? null,
  );
}
