// Entry point of the gateway's span-writing thread: stores the spans of gateway calls on its own store
// connection, so a SQLite write never runs on the thread that serves the gateway.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { CanonicalSpan } from '@sextant/core';
import { openStore } from '@sextant/store';
import { ProjectRedaction } from '../ingest/project-redaction.js';

/** A batch of spans of one project as a JSON array, news of changed redaction settings, or 'close'. */
export type GatewaySpanMessage =
  | { projectId: string; spans: string }
  | { redactionChanged: string }
  | 'close';

const { storeLocation, flushMs } = workerData as { storeLocation: string; flushMs: number };
// Lowest CPU priority for this thread only (on Linux, pid 0 names the calling thread; elsewhere it would
// be the whole process): storing spans must never take a core from the threads serving calls.
if (process.platform === 'linux') {
  try {
    os.setPriority(19);
  } catch {
    // not permitted here: run at normal priority
  }
}
// The server's checkpointer thread copies the WAL (see startServer), so this writer only appends.
const store = openStore(storeLocation, { sqlite: { walCheckpoints: 'background' } });
const redaction = new ProjectRedaction(store);
const pending = new Map<string, CanonicalSpan[]>();
let timer: NodeJS.Timeout | null = null;

async function flush() {
  timer = null;
  const batches = [...pending];
  pending.clear();
  for (const [projectId, spans] of batches) {
    try {
      await store.insertSpans(projectId, await redaction.redact(projectId, spans));
    } catch (error) {
      console.error(`gateway spans of project ${projectId} were not stored:`, error);
    }
  }
}

parentPort?.on('message', async (message: GatewaySpanMessage) => {
  if (message === 'close') {
    if (timer) clearTimeout(timer);
    await flush();
    await store.close();
    parentPort?.close();
    return;
  }
  if ('redactionChanged' in message) return redaction.forget(message.redactionChanged);
  const spans = JSON.parse(message.spans) as CanonicalSpan[];
  const batch = pending.get(message.projectId);
  if (batch) batch.push(...spans);
  else pending.set(message.projectId, spans);
  timer ??= setTimeout(flush, flushMs);
});
