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
    // Waiting does not block the thread: it goes on preparing the next bodies until its turn comes.
    while (Atomics.compareExchange(state, 0, 0, 1) !== 0) {
      const waiting = Atomics.waitAsync(state, 0, 1, 100);
      if (waiting.async) await waiting.value;
    }
    try {
      return await write();
    } finally {
      Atomics.store(state, 0, 0);
      Atomics.notify(state, 0, 1);
    }
  };
}
