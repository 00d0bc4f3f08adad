/** How long a cached value is served before it is refreshed in the background; Infinity: never. */
export interface CachePolicy {
  ttlMs: number;
  /** The longest a caller waits for a value that is not cached yet. */
  timeoutMs: number;
}

interface Entry<T> {
  value: T;
  fetchedAt: number;
  refreshing: boolean;
}

/** Rejection when a first load takes longer than the caller may wait (the load goes on in the background). */
export class LoadTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'LoadTimeoutError';
  }
}

/**
 * An in-memory cache that never makes a caller wait for a refresh: a fresh value is returned as is, a
 * stale one is returned at once while one background load replaces it, and a failed refresh keeps the
 * last good value. Only a key never loaded waits, at most `timeoutMs`; that load finishes in the
 * background even when the caller stopped waiting, so the next call finds it.
 */
export class StaleWhileRevalidateCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(private readonly onRefreshError: (key: string, error: unknown) => void = () => {}) {}

  async get(key: string, load: () => Promise<T>, policy: CachePolicy): Promise<T> {
    const entry = this.entries.get(key);
    if (entry) {
      if (!entry.refreshing && Date.now() - entry.fetchedAt >= policy.ttlMs) {
        entry.refreshing = true;
        this.load(key, load)
          .catch((error: unknown) => this.onRefreshError(key, error))
          .finally(() => {
            entry.refreshing = false;
          });
      }
      return entry.value;
    }
    const pending = this.load(key, load);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LoadTimeoutError(policy.timeoutMs)), policy.timeoutMs);
      timer.unref();
    });
    pending.catch(() => {}); // the caller may have stopped waiting; the failure is theirs to see only if they wait
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last good value of `key`, however old. */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  clear(): void {
    this.entries.clear();
  }

  /** One load per key at a time; a success replaces the entry. */
  private load(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.loading.get(key);
    if (running) return running;
    const started = load()
      .then((value) => {
        this.entries.set(key, { value, fetchedAt: Date.now(), refreshing: false });
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, started);
    return started;
  }
}
