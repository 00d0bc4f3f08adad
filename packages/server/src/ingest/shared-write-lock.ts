import type { WriteSerializer } from './ingest-service.js';

/**
 * A mutex over a SharedArrayBuffer, so ingestion threads take turns at the store's single writer
 * slot and hand it over at once. SQLite's own busy handler would sleep in 1, 2, 5 ms steps instead,
 * leaving the writer idle between batches.
 */
export function createWriteLockBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

export function sharedWriteLock(buffer: SharedArrayBuffer): WriteSerializer {
  const state = new Int32Array(buffer);
  return async (write) => {
    // Blocking here is fine: this runs on an ingestion worker, never on the HTTP thread.
    while (Atomics.compareExchange(state, 0, 0, 1) !== 0) Atomics.wait(state, 0, 1, 100);
    try {
      return await write();
    } finally {
      Atomics.store(state, 0, 0);
      Atomics.notify(state, 0, 1);
    }
  };
}
