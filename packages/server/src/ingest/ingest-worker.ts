// Entry point of an ingestion worker thread: decodes, normalises and stores OTLP bodies on its own
// store connection, so parsing and writing run beside the HTTP thread instead of on it.
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorEnvelope } from '@sextant/core';
import { openStore, sqliteFileOf } from '@sextant/store';
import type { OtlpFormat } from './decode-body.js';
import {
  type IngestResult,
  IngestService,
  type PreparedBodies,
  type WriteSerializer,
} from './ingest-service.js';
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
const ingest = new IngestService(store);
// SQLite has one writer per file, so workers take turns; PostgreSQL takes concurrent writers itself.
const takeTurn: WriteSerializer = sqliteFileOf(storeLocation)
  ? sharedWriteLock(writeLock)
  : (write) => write();

/** Most requests prepared together, and most stored in one turn, so one turn of the lock stays short. */
const maxGroupRequests = 16;
const maxTurnRequests = 32;

/** Requests prepared together, waiting for this thread's next turn at the writer. */
interface PreparedGroup {
  requests: IngestRequest[];
  bodies: PreparedBodies;
}

// A pipeline: requests are prepared as they arrive, also while this thread waits for its turn, and
// each turn stores everything prepared by then in one transaction. So the writer is rarely idle while
// a thread has work ready, and a busy server commits in bigger, cheaper groups.
const received: IngestRequest[] = [];
const prepared: PreparedGroup[] = [];
let preparing = false;
let writing = false;
let closing = false;

/** Tells a worker that a project's redaction settings changed. */
export interface RedactionChangedMessage {
  redactionChanged: string;
}

parentPort?.on('message', (request: IngestRequest | RedactionChangedMessage | 'close') => {
  if (request === 'close') closing = true;
  else if ('redactionChanged' in request) return ingest.redactionChanged(request.redactionChanged);
  else received.push(request);
  void prepareReceived();
});

async function prepareReceived(): Promise<void> {
  if (preparing) return;
  preparing = true;
  while (received.length > 0) {
    const requests = received.splice(0, maxGroupRequests);
    try {
      prepared.push({ requests, bodies: await ingest.prepareBodies(requests) });
      void writePrepared();
    } catch (error) {
      reply(
        requests,
        requests.map(() => error as Error),
      );
    }
    // Let new messages, and this thread's turn at the writer, in between groups.
    await new Promise((resolve) => setImmediate(resolve));
  }
  preparing = false;
  await closeWhenIdle();
}

async function writePrepared(): Promise<void> {
  if (writing) return;
  writing = true;
  while (prepared.length > 0) {
    let turn: PreparedGroup[] = [];
    let results: Array<Array<IngestResult | Error>>;
    try {
      results = await takeTurn(() => {
        turn = takeGroups();
        return ingest.storePrepared(turn.map((group) => group.bodies));
      });
    } catch (error) {
      results = turn.map((group) => group.requests.map(() => error as Error));
    }
    for (const [index, group] of turn.entries()) reply(group.requests, results[index] ?? []);
    // Between turns, the other thread's wake-up gets its chance at the lock.
    await new Promise((resolve) => setImmediate(resolve));
  }
  writing = false;
  await closeWhenIdle();
}

/** Everything prepared by the time the turn came, up to `maxTurnRequests`. */
function takeGroups(): PreparedGroup[] {
  let count = 0;
  let requests = 0;
  for (const group of prepared) {
    if (count > 0 && requests + group.requests.length > maxTurnRequests) break;
    requests += group.requests.length;
    count += 1;
  }
  return prepared.splice(0, count);
}

let closed = false;
async function closeWhenIdle(): Promise<void> {
  if (!closing || closed || preparing || writing || received.length > 0 || prepared.length > 0) return;
  closed = true;
  await store.close();
  parentPort?.close();
}

function reply(requests: readonly IngestRequest[], results: ReadonlyArray<IngestResult | Error>): void {
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
