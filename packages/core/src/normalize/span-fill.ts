import type { CanonicalSpan, SpanKind } from '../span/canonical-span.js';

// Conventions run most specific first and each only fills gaps: `span.field ??= value` for the nullable
// fields (which also skips computing a value nobody needs), and these helpers for the others.

/** Sets the kind unless a more specific convention already chose one. */
export function fillKind(span: CanonicalSpan, kind: SpanKind | null): void {
  if (span.kind === 'other' && kind !== null) span.kind = kind;
}

/** Adds tags, keeping their first-seen order and dropping duplicates (tags from every convention are merged). */
export function addTags(span: CanonicalSpan, tags: readonly string[]): void {
  for (const tag of tags) if (!span.tags.includes(tag)) span.tags.push(tag);
}
