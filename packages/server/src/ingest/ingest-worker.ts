// Entry point of an ingestion worker thread: decodes, normalises and stores OTLP bodies on its own
// store connection, so parsing and writing run beside the HTTP thread instead of on it.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorEnvelope } from '@sextant/core';
import { openStore } from '@sextant/store';
import type { OtlpFormat } from './decode-body.js';
import { IngestService } from './ingest-service.js';
import { sharedWriteLock } from './shared-write-lock.js';

export interface IngestRequest {
  id: number;
  projectId: string;
  format: OtlpFormat;
  body: Uint8Array;
}

export type IngestReply =
  | { id: number; result: import('./ingest-service.js').IngestResult }
  | { id: number; error: { status: number; code: string; message: string; detail?: string } };

const { storeLocation, writeLock } = workerData as { storeLocation: string; writeLock: SharedArrayBuffer };
const store = openStore(storeLocation);
const ingest = new IngestService(store, sharedWriteLock(writeLock));

// One batch at a time: the write lock is not re-entrant, so a second batch must not start (and block
// this thread waiting for the lock) while the first still holds it across an await.
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: IngestRequest | 'close') => {
  queue = queue.then(() => handle(request));
});

async function handle(request: IngestRequest | 'close'): Promise<void> {
  if (request === 'close') {
    await store.close();
    parentPort?.close();
    return;
  }
  try {
    const result = await ingest.ingestBody(request.projectId, request.format, request.body);
    parentPort?.postMessage({ id: request.id, result } satisfies IngestReply);
  } catch (error) {
    const { status, body } = toErrorEnvelope(error);
    const detail = status >= 500 ? String((error as Error)?.stack ?? error) : undefined;
    parentPort?.postMessage({
      id: request.id,
      error: { status, ...body.error, detail },
    } satisfies IngestReply);
  }
}
