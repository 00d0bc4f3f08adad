import { type CanonicalSpan, spanContentParts } from '@sextant/core';

/** Text indexed per span with content, at most; longer inputs are still stored whole, only the index stops. */
const maxIndexedCharsPerSpan = 16_384;

/**
 * What SQLite's full-text index holds for each trace of a batch: the texts of its spans' inputs and
 * outputs as one entry, each distinct message once. Search answers with traces and the index records
 * only which entries hold a token (detail=none: no positions, no counts), so this finds the same traces
 * as an entry per span, while the write transaction inserts a few entries per batch and tokenizes the
 * conversation history and retrieved context that a trace's model calls repeat only once.
 */
export function traceSearchTexts(spans: Iterable<CanonicalSpan>): Map<string, string> {
  const entries = new Map<string, { parts: Set<string>; maxChars: number }>();
  for (const span of spans) {
    let entry = entries.get(span.traceId);
    if (!entry) {
      entry = { parts: new Set(), maxChars: 0 };
      entries.set(span.traceId, entry);
    }
    const size = entry.parts.size;
    for (const part of spanContentParts(span.input)) if (part) entry.parts.add(part);
    for (const part of spanContentParts(span.output)) if (part) entry.parts.add(part);
    if (entry.parts.size > size) entry.maxChars += maxIndexedCharsPerSpan;
  }
  const texts = new Map<string, string>();
  for (const [traceId, { parts, maxChars }] of entries) {
    const text = [...parts].join('\n').slice(0, maxChars);
    if (text) texts.set(traceId, text);
  }
  return texts;
}
