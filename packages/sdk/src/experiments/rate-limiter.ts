/**
 * Spaces calls evenly to at most `requestsPerMinute` (no bursts, so a provider's per-second limits
 * hold too). Waiters are served in arrival order.
 */
export function createRateLimiter(requestsPerMinute: number | undefined): () => Promise<void> {
  if (requestsPerMinute === undefined) return async () => {};
  if (!(requestsPerMinute > 0)) {
    throw new RangeError(`rateLimit.requestsPerMinute must be a positive number; got ${requestsPerMinute}`);
  }
  const intervalMs = 60_000 / requestsPerMinute;
  let nextSlot = 0;
  return async () => {
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + intervalMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  };
}
