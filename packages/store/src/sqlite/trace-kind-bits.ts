import type { SpanKind } from '@sextant/core';

/**
 * The bit of each span kind in SQLite's `traces.kinds`, the kinds present in a trace. Stored on disk:
 * never renumber, only add (migration 14 wrote these values).
 */
export const traceKindBits: Readonly<Record<SpanKind, number>> = {
  llm: 1,
  embedding: 2,
  retrieval: 4,
  tool: 8,
  agent: 16,
  chain: 32,
  guardrail: 64,
  other: 128,
};

export function kindsBitmask(kinds: Iterable<SpanKind>): number {
  let mask = 0;
  for (const kind of kinds) mask |= traceKindBits[kind];
  return mask;
}
