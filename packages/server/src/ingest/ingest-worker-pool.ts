import { Worker } from 'node:worker_threads';
import { type ErrorCode, SextantError } from '@sextant/core';
import type { OtlpFormat } from './decode-body.js';
import type { Ingestor, IngestResult } from './ingest-service.js';
import type { IngestReply, IngestRequest, RedactionChangedMessage } from './ingest-worker.js';
import { createWriteLockBuffer } from './shared-write-lock.js';

interface Pending {
  resolve: (result: IngestResult) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Bytes of request bodies waiting in the workers by default before new ones are turned away. */
const defaultMaxPendingBytes = 64 * 1024 * 1024;

/**
 * Ingestion on worker threads, each with its own store connection. The HTTP thread only reads bodies
 * and hands them over (transferred, not copied); decoding, normalising and writing run in parallel,
 * and SQLite's WAL lets one worker write while another prepares its next batch.
 */
export class IngestWorkerPool implements Ingestor {
  private readonly workers: PooledWorker[] = [];
  private nextId = 1;
  private readonly writeLock = createWriteLockBuffer();
  private closed = false;
  private pendingBytes = 0;

  constructor(
    private readonly storeLocation: string,
    size: number,
    private readonly logError: (error: unknown) => void,
    /**
     * Above this many bytes of bodies waiting to be stored, new ones get a 503 (OTLP exporters retry
     * later) instead of piling up in memory while the disk or CPU cannot keep up.
     */
    private readonly maxPendingBytes = defaultMaxPendingBytes,
  ) {
    for (let index = 0; index < size; index++) this.workers.push(this.spawn());
  }

  ingestBody(projectId: string, format: OtlpFormat, body: Uint8Array): Promise<IngestResult> {
    if (this.closed) {
      return Promise.reject(new SextantError('unavailable', 'server is shutting down; send the batch again'));
    }
    if (this.pendingBytes > 0 && this.pendingBytes + body.byteLength > this.maxPendingBytes) {
      return Promise.reject(
        new SextantError(
          'unavailable',
          `ingestion is behind: ${describeBytes(this.pendingBytes)} of batches are waiting to be stored; send this one again shortly`,
        ),
      );
    }
    const size = body.byteLength;
    this.pendingBytes += size;
    const target = this.workers.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    const id = this.nextId++;
    const settled = () => {
      this.pendingBytes -= size;
    };
    return new Promise((resolve, reject) => {
      target.pending.set(id, {
        resolve: (result) => {
          settled();
          resolve(result);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      // Only a body that owns its whole buffer is handed over; a view into a shared one (Node's small
      // Buffer pool) is copied first, since that buffer cannot be transferred.
      const owned =
        body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
      const request: IngestRequest = { id, projectId, format, body: owned };
      try {
        target.worker.postMessage(request, [owned.buffer as ArrayBuffer]);
      } catch (error) {
        target.pending.get(id)?.reject(error as Error);
        target.pending.delete(id);
      }
    });
  }

  redactionChanged(projectId: string): void {
    const message: RedactionChangedMessage = { redactionChanged: projectId };
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.closeWorkers();
  }

  private async closeWorkers(): Promise<void> {
    await Promise.all(
      this.workers.map(
        ({ worker }) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.postMessage('close');
          }),
      ),
    );
  }

  private spawn(): PooledWorker {
    const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), {
      workerData: { storeLocation: this.storeLocation, writeLock: this.writeLock },
    });
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on('message', (reply: IngestReply) => {
      const pending = pooled.pending.get(reply.id);
      if (!pending) return;
      pooled.pending.delete(reply.id);
      if ('result' in reply) return pending.resolve(reply.result);
      if (reply.error.detail) this.logError(new Error(reply.error.detail));
      pending.reject(new SextantError(reply.error.code as ErrorCode, reply.error.message));
    });
    worker.on('error', (error) => this.logError(error));
    worker.on('exit', () => {
      for (const pending of pooled.pending.values()) {
        pending.reject(
          new SextantError(
            'unavailable',
            'ingestion worker stopped; the batch was not stored, send it again',
          ),
        );
      }
      pooled.pending.clear();
      if (this.closed) return;
      // A worker that died is replaced, so one bad batch cannot stop ingestion.
      const index = this.workers.indexOf(pooled);
      if (index >= 0) this.workers[index] = this.spawn();
    });
    return pooled;
  }
}

function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
