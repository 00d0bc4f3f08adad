import type { CanonicalSpan, SpanContent, SpanKind } from '../span/canonical-span.js';
import { spanKindSchema } from '../span/canonical-span.js';
import type { Attributes } from './attribute-readers.js';
import { readId, readString, readStringList } from './attribute-readers.js';
import { contentFromText, contentFromValue } from './chat-messages.js';
import { readDocuments } from './openinference-conventions.js';
import { addTags, fillKind } from './span-fill.js';

// Attributes Sextant's own SDK sets (`sextant.*`). They state the user's intent explicitly, so they
// win over every other convention.

const KINDS: ReadonlySet<string> = new Set(spanKindSchema.options);

/** Fills what `sextant.*` attributes carry. */
export function applySextant(span: CanonicalSpan, attributes: Attributes): void {
  const kind = readString(attributes, 'sextant.span.kind');
  if (kind !== null && KINDS.has(kind)) fillKind(span, kind as SpanKind);
  span.promptName ??= readString(attributes, 'sextant.prompt.name');
  span.promptVersion ??= readId(attributes, 'sextant.prompt.version');
  span.releaseId ??= readId(attributes, 'sextant.release.id');
  span.sessionId ??= readId(attributes, 'sextant.session.id');
  span.userId ??= readId(attributes, 'sextant.user.id');
  span.input ??= contentOf(attributes['sextant.input']);
  span.output ??= contentOf(attributes['sextant.output']);
  addTags(span, readStringList(attributes, 'sextant.tags'));
  // The SDK records documents in OpenInference's layout without OpenInference's span kind attribute.
  if (span.kind === 'retrieval') {
    const documents = readDocuments(attributes, 'retrieval.documents');
    if (documents.length > 0) span.documents ??= documents;
  }
}

/** Text that looks like JSON is parsed (messages or JSON); structured values are converted directly. */
function contentOf(value: unknown): SpanContent | null {
  return typeof value === 'string' ? contentFromText(value) : contentFromValue(value);
}
