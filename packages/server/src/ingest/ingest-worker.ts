// Entry point of an ingestion worker thread: decodes, normalises and stores OTLP bodies on its own
// store connection, so parsing and writing run beside the HTTP thread instead of on it.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorEnvelope } from '@sextant/core';
import { openStore, sqliteFileOf } from '@sextant/store';
import type { OtlpFormat } from './decode-body.js';
import { type IngestResult, IngestService } from './ingest-service.js';
import { sharedWriteLock } from './shared-write-lock.js';

export interface IngestRequest {
  id: number;
  projectId: string;
  format: OtlpFormat;
  body: Uint8Array;
}

export type IngestReply =
  | { id: number; result: IngestResult }
  | { id: number; error: { status: number; code: string; message: string; detail?: string } };

const { storeLocation, writeLock } = workerData as { storeLocation: string; writeLock: SharedArrayBuffer };
// The pool runs WAL checkpoints on a thread of their own, so this writer only appends.
const store = openStore(storeLocation, { sqlite: { walCheckpoints: 'background' } });
// SQLite has one writer per file, so workers take turns; PostgreSQL takes concurrent writers itself.
const ingest = new IngestService(store, sqliteFileOf(storeLocation) ? sharedWriteLock(writeLock) : undefined);

/** Most requests stored in one group commit, so one turn of the lock stays short. */
const maxGroupRequests = 16;

// Requests wait here while this thread writes (or waits for the write lock, blocking its event loop);
// the next turn takes all of them at once, so a busy server commits in bigger, cheaper groups.
const waiting: IngestRequest[] = [];
let draining = false;
let closing = false;

/** Tells a worker that a project's redaction settings changed. */
export interface RedactionChangedMessage {
  redactionChanged: string;
}

parentPort?.on('message', (request: IngestRequest | RedactionChangedMessage | 'close') => {
  if (request === 'close') closing = true;
  else if ('redactionChanged' in request) return ingest.redactionChanged(request.redactionChanged);
  else waiting.push(request);
  void drain();
});

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  while (waiting.length > 0) {
    await storeGroup(waiting.splice(0, maxGroupRequests));
    // Let messages that arrived during the write be delivered before taking the next group.
    await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
  if (closing) {
    await store.close();
    parentPort?.close();
  }
}

async function storeGroup(requests: readonly IngestRequest[]): Promise<void> {
  let results: Array<IngestResult | Error>;
  try {
    results = await ingest.ingestBodies(requests);
  } catch (error) {
    results = requests.map(() => error as Error);
  }
  requests.forEach((request, index) => {
    const result = results[index];
    if (result && !(result instanceof Error)) {
      parentPort?.postMessage({ id: request.id, result } satisfies IngestReply);
      return;
    }
    const { status, body } = toErrorEnvelope(result);
    const detail = status >= 500 ? String((result as Error)?.stack ?? result) : undefined;
    parentPort?.postMessage({
      id: request.id,
      error: { status, ...body.error, detail },
    } satisfies IngestReply);
  });
}
