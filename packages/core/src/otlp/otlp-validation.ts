import type { DecodedExport, OtlpSpan } from './otlp-span.js';

/** Deepest nesting of arrays and key-value lists accepted in one attribute value; deeper spans are rejected. */
export const MAX_ANY_VALUE_DEPTH = 32;

/** How many rejection reasons an export keeps; the count covers every rejected span. */
const MAX_REASONS = 10;

/** Returned by value decoders in place of a value that nests deeper than {@link MAX_ANY_VALUE_DEPTH}. */
export const TOO_DEEP: unique symbol = Symbol('too deep');

export function tooDeepReason(key: string): string {
  return `attribute '${clip(key)}' nests deeper than ${MAX_ANY_VALUE_DEPTH} levels`;
}

/** Cuts a client-supplied value to a readable length for an error message. */
export function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}

/**
 * Sets `record[key]`, defining `__proto__` as an own property instead of replacing the prototype,
 * since keys come from untrusted payloads.
 */
export function setEntry(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** True when `id` is `length` lowercase hex characters and not all zeros (OTLP's invalid id). */
export function isValidId(id: string, length: number): boolean {
  if (id.length !== length) return false;
  let nonZero = false;
  for (let index = 0; index < length; index++) {
    const code = id.charCodeAt(index);
    const digit = code >= 48 && code <= 57;
    if (!digit && !(code >= 97 && code <= 102)) return false;
    if (code !== 48) nonZero = true;
  }
  return nonZero;
}

/** True for "" and all-zero ids, which OTLP uses for "no parent". */
export function isEmptyId(id: string): boolean {
  for (let index = 0; index < id.length; index++) {
    if (id.charCodeAt(index) !== 48) return false;
  }
  return true;
}

/** Why a decoded span cannot be stored, or null when it is valid. */
export function spanProblem(span: OtlpSpan): string | null {
  if (!isValidId(span.traceId, 32)) {
    return `traceId must be 32 hex characters, not all zeros; got '${clip(span.traceId)}'`;
  }
  if (!isValidId(span.spanId, 16)) {
    return `spanId must be 16 hex characters, not all zeros; got '${clip(span.spanId)}'`;
  }
  if (span.parentSpanId !== null && !isValidId(span.parentSpanId, 16)) {
    return `parentSpanId must be empty or 16 hex characters; got '${clip(span.parentSpanId)}'`;
  }
  if (!Number.isSafeInteger(span.startTimeUs) || span.startTimeUs <= 0) {
    return 'startTimeUnixNano must be a positive integer number of nanoseconds before year 2255';
  }
  if (!Number.isSafeInteger(span.endTimeUs) || span.endTimeUs < span.startTimeUs) {
    return 'endTimeUnixNano must be an integer number of nanoseconds not before startTimeUnixNano';
  }
  for (const event of span.events) {
    if (!Number.isSafeInteger(event.timeUs) || event.timeUs < 0) {
      return `event '${clip(event.name)}' has an invalid timeUnixNano`;
    }
  }
  return null;
}

/** Clamps an OTLP enum (SpanKind 0-5, StatusCode 0-2) to its range; unknown values become 0 (unspecified). */
export function clampEnum(value: number, max: number): number {
  return Number.isInteger(value) && value >= 0 && value <= max ? value : 0;
}

/** Accumulates the spans of one export request, validating each and keeping the first few rejection reasons. */
export class ExportCollector {
  readonly spans: OtlpSpan[] = [];
  private rejected = 0;
  private readonly reasons: string[] = [];

  /**
   * Keeps the valid spans of one ResourceSpans (`scopes[s]` holds the decoded spans of its s-th ScopeSpans,
   * or the reason each could not be decoded); rejects all of them when the resource itself was invalid.
   */
  addResource(
    resourceIndex: number,
    scopes: Array<Array<OtlpSpan | string>>,
    resourceProblem: string | null,
  ): void {
    for (let scopeIndex = 0; scopeIndex < scopes.length; scopeIndex++) {
      const spans = scopes[scopeIndex]!;
      for (let spanIndex = 0; spanIndex < spans.length; spanIndex++) {
        const span = spans[spanIndex]!;
        const problem = resourceProblem ?? (typeof span === 'string' ? span : spanProblem(span));
        if (problem === null && typeof span !== 'string') {
          this.spans.push(span);
        } else {
          this.rejected++;
          this.warn(
            `resourceSpans[${resourceIndex}].scopeSpans[${scopeIndex}].spans[${spanIndex}]: ${problem}`,
          );
        }
      }
    }
  }

  /** Records a problem that rejects no span (OTLP partial success allows warnings with zero rejections). */
  warn(reason: string): void {
    if (this.reasons.length < MAX_REASONS) this.reasons.push(reason);
  }

  result(): DecodedExport {
    return { spans: this.spans, rejectedSpans: this.rejected, rejectionReasons: this.reasons };
  }
}
