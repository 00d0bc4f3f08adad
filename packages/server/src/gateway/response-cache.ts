import { createHash } from 'node:crypto';

/** A stored answer: the exact bytes the client got, and what the span needs to describe it. */
export interface CachedResponse {
  status: number;
  contentType: string;
  body: Buffer;
  /** Summary of the original call, replayed into the span of every hit. */
  summary: unknown;
  expiresAt: number;
}

/**
 * Exact-match response cache: the key is a hash of the project, the model name and the request body
 * byte for byte, so only identical requests hit. Bounded by entries and bytes; oldest entries go first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  static key(projectId: string, model: string, body: Buffer): string {
    return createHash('sha256')
      .update(projectId)
      .update('\u0000')
      .update(model)
      .update('\u0000')
      .update(body)
      .digest('hex');
  }

  get(key: string, now = Date.now()): CachedResponse | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.delete(key, entry);
      return null;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (entry.body.length > this.maxBytes / 16) return; // one answer must not evict everything
    const existing = this.entries.get(key);
    if (existing) this.delete(key, existing);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest, value);
    }
  }

  private delete(key: string, entry: CachedResponse) {
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
