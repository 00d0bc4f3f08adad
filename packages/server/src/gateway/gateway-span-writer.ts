import { Worker } from 'node:worker_threads';
import type { CanonicalSpan } from '@sextant/core';
import type { Store } from '@sextant/store';
import { ProjectRedaction } from '../ingest/project-redaction.js';
import type { GatewaySpanMessage } from './gateway-span-worker.js';

/** Where gateway spans go; `write` never blocks the call that produced the span. */
export interface GatewaySpanWriter {
  write(projectId: string, span: CanonicalSpan): void;
  /** The project's redaction settings changed: spans written from now on use them. */
  redactionChanged(projectId: string): void;
  /** Stores everything written so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewaySpanWriterOptions {
  /** How long spans wait to be written together. Default 50 ms. */
  flushMs?: number;
  logError: (error: unknown) => void;
}

/**
 * Stores gateway spans off the request path. With a store file and compiled sources, a worker thread
 * with its own connection does the writing, so SQLite never blocks the gateway's thread; otherwise
 * (in-memory stores, tests on TypeScript sources) spans are batched and written in this thread.
 * Spans are best effort: a failed write is logged, not retried. Either way the project's PII redaction
 * runs in the thread that stores, before the span reaches the store.
 */
export function createGatewaySpanWriter(store: Store, options: GatewaySpanWriterOptions): GatewaySpanWriter {
  const useWorker = store.location !== ':memory:' && import.meta.url.endsWith('.js');
  return useWorker ? workerWriter(store.location, options) : inThreadWriter(store, options);
}

function workerWriter(storeLocation: string, options: GatewaySpanWriterOptions): GatewaySpanWriter {
  const flushMs = options.flushMs ?? 50;
  let worker: Worker | null = null;
  let closed = false;
  const start = () => {
    worker = new Worker(new URL('./gateway-span-worker.js', import.meta.url), {
      workerData: { storeLocation, flushMs },
    });
    worker.unref(); // never keeps the process alive on its own
    worker.on('error', options.logError);
    worker.on('exit', () => {
      worker = null;
    });
    return worker;
  };
  // Spans travel in batches as JSON text: one message per batch, and copying a string costs far less
  // than structured-cloning each span's object graph.
  const queued = new Map<string, string[]>();
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const target = worker ?? (closed ? null : start());
    for (const [projectId, spans] of queued) {
      target?.postMessage({ projectId, spans: `[${spans.join(',')}]` } satisfies GatewaySpanMessage);
    }
    queued.clear();
  };
  return {
    redactionChanged(projectId) {
      worker?.postMessage({ redactionChanged: projectId } satisfies GatewaySpanMessage);
    },
    write(projectId, span) {
      const json = JSON.stringify(span);
      const batch = queued.get(projectId);
      if (batch) batch.push(json);
      else queued.set(projectId, [json]);
      if (!timer) {
        timer = setTimeout(send, Math.min(20, flushMs));
        timer.unref();
      }
    },
    async flush() {
      send();
      await new Promise((resolve) => setTimeout(resolve, flushMs * 2));
    },
    async close() {
      send();
      closed = true;
      const current = worker;
      if (!current) return;
      await new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        current.postMessage('close' satisfies GatewaySpanMessage);
      });
    },
  };
}

function inThreadWriter(store: Store, options: GatewaySpanWriterOptions): GatewaySpanWriter {
  const redaction = new ProjectRedaction(store);
  const batches = new Map<string, CanonicalSpan[]>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const drain = () => {
    timer = null;
    const taken = [...batches];
    batches.clear();
    writing = writing.then(async () => {
      for (const [projectId, spans] of taken) {
        try {
          await store.insertSpans(projectId, await redaction.redact(projectId, spans));
        } catch (error) {
          options.logError(error);
        }
      }
    });
    return writing;
  };
  return {
    redactionChanged(projectId) {
      redaction.forget(projectId);
    },
    write(projectId, span) {
      const batch = batches.get(projectId);
      if (batch) batch.push(span);
      else batches.set(projectId, [span]);
      if (!timer) {
        timer = setTimeout(drain, options.flushMs ?? 50);
        timer.unref();
      }
    },
    async flush() {
      if (timer) clearTimeout(timer);
      await drain();
    },
    close() {
      return this.flush();
    },
  };
}
