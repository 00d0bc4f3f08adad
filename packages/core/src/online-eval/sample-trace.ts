/**
 * Whether a trace falls in a rule's sample: a hash of the trace id compared with the rate, so the
 * same trace is always in or out (a re-run job picks the same traces, and rules with equal rates
 * score the same traces, which makes their scores comparable).
 * @example sampleTrace('4bf92f3577b34da6a3ce929d0e0e4736', 0.1) // true for about 10% of trace ids
 */
export function sampleTrace(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return traceIdFraction(traceId) < rate;
}

/** A uniform value in [0, 1) from a trace id: FNV-1a over its characters, then murmur3's finaliser. */
export function traceIdFraction(traceId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < traceId.length; index += 1) {
    hash ^= traceId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // The finaliser spreads ids that differ in one character (sequential test ids) over the whole range.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
