import type {
  CanonicalSpan,
  ChatMessage,
  RetrievedDocument,
  SpanContent,
  SpanError,
} from '../span/canonical-span.js';
import { detectCardNumbers } from './detect-card-numbers.js';
import { isPlausibleSecret } from './detect-secrets.js';
import { type RedactionCounts, redactWithPlan } from './redact-text.js';
import { defaultRedactionConfig, type RedactionConfig } from './redaction-config.js';
import { type RedactionPlan, redactionPlan } from './redaction-plan.js';
import { isSecretKeyName } from './secret-key-name.js';

/**
 * The raw attribute where a redacted span records what was replaced, as counts per type:
 * `{ email: 2, card: 1 }`. Absent when nothing was redacted; merged with any counts already there.
 */
export const redactionsAttribute = 'sextant.redactions';

/** A redacted span and the counts per type of what was replaced (also stored under `sextant.redactions`). */
export interface SpanRedaction {
  span: CanonicalSpan;
  redactions: RedactionCounts;
}

interface Redactor {
  plan: RedactionPlan;
  counts: RedactionCounts;
  redactsCards: boolean;
  redactsSecrets: boolean;
}

function redactString(value: string, redactor: Redactor): string {
  return redactWithPlan(value, redactor.plan, redactor.counts);
}

function redactNullable(value: string | null, redactor: Redactor): string | null {
  return value === null ? null : redactString(value, redactor);
}

/** Maps an array, returning the same array when no item changed. */
function mapShared<T>(items: readonly T[], map: (item: T) => T): T[] {
  let copy: T[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as T;
    const next = map(item);
    if (next !== item) {
      copy ??= items.slice();
      copy[index] = next;
    }
  }
  return copy ?? (items as T[]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The value of a key that names a credential (`password`, `authorization`...): each non-empty string
 * or number in it (directly or in an array, as OTel header attributes are) becomes the secret placeholder.
 */
function redactSecretValue(value: unknown, redactor: Redactor): unknown {
  const replaced =
    typeof value === 'string'
      ? isPlausibleSecret(value) && !redactor.plan.isPlaceholder(value)
      : typeof value === 'number' && Number.isFinite(value);
  if (replaced) {
    redactor.counts.secret = (redactor.counts.secret ?? 0) + 1;
    return redactor.plan.placeholder('secret');
  }
  if (Array.isArray(value)) return mapShared(value, (item) => redactSecretValue(item, redactor));
  return redactValue(value, redactor);
}

/**
 * Redacts string values of a record, keys unchanged; the same record when nothing changed. Values
 * of keys that name a credential are replaced whole when the secret detector is on.
 */
function redactRecord(
  record: Record<string, unknown>,
  redactor: Redactor,
  skipKey?: string,
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  // for...in rather than Object.keys: no array per record, and plain records have no inherited keys.
  for (const key in record) {
    if (key === skipKey) continue;
    const value = record[key];
    const next =
      redactor.redactsSecrets && isSecretKeyName(key)
        ? redactSecretValue(value, redactor)
        : redactValue(value, redactor);
    if (next !== value) {
      copy ??= { ...record };
      copy[key] = next;
    }
  }
  return copy ?? record;
}

/**
 * Strings anywhere in a JSON-like value (acyclic: plain objects, arrays, primitives). Integers of
 * 13-19 digits that are valid card numbers become the card placeholder; other values are kept.
 */
function redactValue(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactString(value, redactor);
  if (typeof value === 'number') {
    if (!redactor.redactsCards || !Number.isSafeInteger(value) || value < 1e12) return value;
    const digits = String(value);
    if (detectCardNumbers(digits).length === 0) return value;
    redactor.counts.card = (redactor.counts.card ?? 0) + 1;
    return redactor.plan.placeholder('card');
  }
  if (Array.isArray(value)) return mapShared(value, (item) => redactValue(item, redactor));
  if (isPlainObject(value)) return redactRecord(value, redactor);
  return value;
}

function redactMessage(message: ChatMessage, redactor: Redactor): ChatMessage {
  const content = redactNullable(message.content, redactor);
  const toolCalls = message.toolCalls
    ? mapShared(message.toolCalls, (call) => {
        const callArguments = redactString(call.arguments, redactor);
        return callArguments === call.arguments ? call : { ...call, arguments: callArguments };
      })
    : undefined;
  if (content === message.content && toolCalls === message.toolCalls) return message;
  return toolCalls ? { ...message, content, toolCalls } : { ...message, content };
}

function redactContent(content: SpanContent | null, redactor: Redactor): SpanContent | null {
  if (content === null) return null;
  switch (content.type) {
    case 'messages': {
      const messages = mapShared(content.messages, (message) => redactMessage(message, redactor));
      return messages === content.messages ? content : { type: 'messages', messages };
    }
    case 'text': {
      const text = redactString(content.text, redactor);
      return text === content.text ? content : { type: 'text', text };
    }
    case 'json': {
      const value = redactValue(content.value, redactor);
      return value === content.value ? content : { type: 'json', value };
    }
  }
}

function redactDocument(document: RetrievedDocument, redactor: Redactor): RetrievedDocument {
  const content = redactString(document.content, redactor);
  const metadata = document.metadata ? redactRecord(document.metadata, redactor) : undefined;
  if (content === document.content && metadata === document.metadata) return document;
  return metadata ? { ...document, content, metadata } : { ...document, content };
}

function redactError(error: SpanError | null, redactor: Redactor): SpanError | null {
  if (error === null) return null;
  const message = redactString(error.message, redactor);
  const stack = error.stack === undefined ? undefined : redactString(error.stack, redactor);
  if (message === error.message && stack === error.stack) return error;
  return stack === undefined ? { ...error, message } : { ...error, message, stack };
}

function hasAnyKey(record: object): boolean {
  for (const _ in record) return true;
  return false;
}

function mergeCounts(existing: unknown, counts: RedactionCounts): RedactionCounts {
  const merged: RedactionCounts = {};
  if (isPlainObject(existing)) {
    for (const [type, count] of Object.entries(existing)) if (typeof count === 'number') merged[type] = count;
  }
  for (const [type, count] of Object.entries(counts)) merged[type] = (merged[type] ?? 0) + count;
  return merged;
}

/**
 * Redacts personal data and secrets everywhere a span carries free text: input and output (message
 * content, tool-call arguments, text, JSON values), documents (content and metadata), tool arguments
 * and result, error message and stack, status message, span name, user and session ids, tags, and
 * string values in raw and resource attributes (recursively; keys are kept). The input is never
 * mutated; unchanged parts are shared with it, and the same span is returned when nothing matched.
 * @example const { span: stored, redactions } = redactSpan(span, projectConfig); // redactions: { email: 1 }
 */
export function redactSpan(
  span: CanonicalSpan,
  config: RedactionConfig = defaultRedactionConfig,
): SpanRedaction {
  if (!config.enabled) return { span, redactions: {} };
  const plan = redactionPlan(config);
  const redactor: Redactor = {
    plan,
    counts: {},
    redactsCards: plan.rank.has('card'),
    redactsSecrets: plan.rank.has('secret'),
  };
  const changes = {
    name: redactString(span.name, redactor),
    statusMessage: redactNullable(span.statusMessage, redactor),
    error: redactError(span.error, redactor),
    input: redactContent(span.input, redactor),
    output: redactContent(span.output, redactor),
    documents: span.documents && mapShared(span.documents, (document) => redactDocument(document, redactor)),
    toolArgs: redactNullable(span.toolArgs, redactor),
    toolResult: redactNullable(span.toolResult, redactor),
    sessionId: redactNullable(span.sessionId, redactor),
    userId: redactNullable(span.userId, redactor),
    tags: mapShared(span.tags, (tag) => redactString(tag, redactor)),
    resourceAttributes: redactRecord(span.resourceAttributes, redactor),
  } satisfies Partial<CanonicalSpan>;
  const rawAttributes = redactRecord(span.rawAttributes, redactor, redactionsAttribute);
  const redactions = redactor.counts;
  if (!hasAnyKey(redactions)) return { span, redactions };
  const recorded = mergeCounts(span.rawAttributes[redactionsAttribute], redactions);
  return {
    span: { ...span, ...changes, rawAttributes: { ...rawAttributes, [redactionsAttribute]: recorded } },
    redactions,
  };
}
