import type { Result } from '../result.js';
import { fail, ok } from '../result.js';
import type { DecodedExport, OtlpEvent, OtlpSpan } from './otlp-span.js';
import {
  clampEnum,
  ExportCollector,
  isEmptyId,
  MAX_ANY_VALUE_DEPTH,
  setEntry,
  TOO_DEEP,
  tooDeepReason,
} from './otlp-validation.js';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SPAN_KIND_NAMES: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODE_NAMES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/**
 * Decodes the parsed body of an OTLP/HTTP JSON `ExportTraceServiceRequest`.
 * Fails only when the top level is not an export request; invalid spans (bad ids or timestamps, no name,
 * attributes nested deeper than 32 levels) are counted in `rejectedSpans` and the rest are kept.
 * Integer attributes become numbers, or decimal strings when beyond ±2^53 so no digit is lost.
 * @example decodeOtlpJson(JSON.parse(body)) // { success: true, value: { spans, rejectedSpans: 0, ... } }
 */
export function decodeOtlpJson(body: unknown): Result<DecodedExport, string> {
  if (!isObject(body)) {
    return fail('OTLP JSON body must be an object like {"resourceSpans": [...]}');
  }
  const resourceSpans = body.resourceSpans ?? [];
  if (!Array.isArray(resourceSpans)) {
    return fail('OTLP JSON body: resourceSpans must be an array');
  }
  const collector = new ExportCollector();
  for (let index = 0; index < resourceSpans.length; index++) {
    decodeResourceSpans(resourceSpans[index], index, collector);
  }
  return ok(collector.result());
}

function decodeResourceSpans(value: unknown, resourceIndex: number, collector: ExportCollector): void {
  if (!isObject(value)) {
    collector.warn(`resourceSpans[${resourceIndex}] is not an object; skipped`);
    return;
  }
  const resource: Record<string, unknown> = {};
  const resourceProblem = isObject(value.resource)
    ? decodeKeyValues(value.resource.attributes, resource, 1)
    : null;
  const scopeSpans = value.scopeSpans ?? [];
  if (!Array.isArray(scopeSpans)) {
    collector.warn(`resourceSpans[${resourceIndex}].scopeSpans is not an array; skipped`);
    return;
  }
  const scopes: Array<Array<OtlpSpan | string>> = [];
  for (const scopeValue of scopeSpans) {
    const spans = isObject(scopeValue) ? scopeValue.spans : undefined;
    const scope = isObject(scopeValue) ? scopeValue.scope : undefined;
    const scopeName =
      isObject(scope) && typeof scope.name === 'string' && scope.name !== '' ? scope.name : null;
    const decoded: Array<OtlpSpan | string> = [];
    if (Array.isArray(spans)) {
      for (const span of spans) decoded.push(decodeSpan(span, resource, scopeName));
    }
    scopes.push(decoded);
  }
  collector.addResource(resourceIndex, scopes, resourceProblem && `resource ${resourceProblem}`);
}

/** Decodes one span, or returns why it cannot be (ids and times are checked later by the collector). */
function decodeSpan(
  value: unknown,
  resource: Record<string, unknown>,
  scopeName: string | null,
): OtlpSpan | string {
  if (!isObject(value)) return 'span is not an object';
  const name = value.name;
  if (typeof name !== 'string') return 'name is missing or not a string';
  const attributes: Record<string, unknown> = {};
  const problem = decodeKeyValues(value.attributes, attributes, 1);
  if (problem !== null) return problem;
  const events = decodeEvents(value.events);
  if (typeof events === 'string') return events;
  const status = isObject(value.status) ? value.status : undefined;
  const statusMessage = status?.message;
  return {
    traceId: hexId(value.traceId),
    spanId: hexId(value.spanId),
    parentSpanId: parentId(value.parentSpanId),
    name,
    kind: clampEnum(enumValue(value.kind, SPAN_KIND_NAMES), 5),
    startTimeUs: nanosToMicros(value.startTimeUnixNano),
    endTimeUs: nanosToMicros(value.endTimeUnixNano),
    attributes,
    events,
    statusCode: clampEnum(enumValue(status?.code, STATUS_CODE_NAMES), 2),
    statusMessage: typeof statusMessage === 'string' && statusMessage !== '' ? statusMessage : null,
    resource,
    scopeName,
  };
}

function decodeEvents(value: unknown): OtlpEvent[] | string {
  if (!Array.isArray(value)) return [];
  const events: OtlpEvent[] = [];
  for (const event of value) {
    if (!isObject(event)) continue;
    const attributes: Record<string, unknown> = {};
    const problem = decodeKeyValues(event.attributes, attributes, 1);
    if (problem !== null) return `event ${problem}`;
    const name = typeof event.name === 'string' ? event.name : '';
    events.push({ name, timeUs: nanosToMicros(event.timeUnixNano), attributes });
  }
  return events;
}

/** Fills `into` from a `[{key, value}]` list; returns why it failed (too deep) or null. */
function decodeKeyValues(list: unknown, into: Record<string, unknown>, depth: number): string | null {
  if (!Array.isArray(list)) return null;
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.key !== 'string') continue;
    const value = decodeAnyValue(entry.value, depth);
    if (value === TOO_DEEP) return tooDeepReason(entry.key);
    setEntry(into, entry.key, value);
  }
  return null;
}

/** AnyValue → plain JS value; an empty or ill-typed AnyValue becomes null. */
function decodeAnyValue(value: unknown, depth: number): unknown {
  if (!isObject(value)) return null;
  if (value.stringValue !== undefined)
    return typeof value.stringValue === 'string' ? value.stringValue : null;
  if (value.intValue !== undefined) return decodeInt(value.intValue);
  if (value.doubleValue !== undefined) return decodeDouble(value.doubleValue);
  if (value.boolValue !== undefined) return typeof value.boolValue === 'boolean' ? value.boolValue : null;
  if (value.arrayValue !== undefined || value.kvlistValue !== undefined) {
    if (depth > MAX_ANY_VALUE_DEPTH) return TOO_DEEP;
    return value.arrayValue !== undefined
      ? decodeArray(value.arrayValue, depth + 1)
      : decodeKeyValueList(value.kvlistValue, depth + 1);
  }
  if (value.bytesValue !== undefined) return typeof value.bytesValue === 'string' ? value.bytesValue : null;
  return null;
}

function decodeArray(value: unknown, depth: number): unknown {
  const values = isObject(value) ? value.values : undefined;
  if (!Array.isArray(values)) return [];
  const result: unknown[] = new Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const item = decodeAnyValue(values[index], depth);
    if (item === TOO_DEEP) return TOO_DEEP;
    result[index] = item;
  }
  return result;
}

function decodeKeyValueList(value: unknown, depth: number): unknown {
  const record: Record<string, unknown> = {};
  const problem = decodeKeyValues(isObject(value) ? value.values : undefined, record, depth);
  return problem === null ? record : TOO_DEEP;
}

/** int64 as JSON number or decimal string → number, or a canonical decimal string beyond ±2^53. */
function decodeInt(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value !== 'string' || !isDecimalInteger(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : BigInt(value).toString();
}

function decodeDouble(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return null;
  // proto3 JSON spells non-finite doubles as strings ("NaN", "Infinity", "-Infinity").
  const number = Number(value);
  return Number.isNaN(number) && value !== 'NaN' ? null : number;
}

function isDecimalInteger(value: string): boolean {
  const start = value.charCodeAt(0) === 45 ? 1 : 0;
  if (value.length === start || value.length > start + 20) return false;
  for (let index = start; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * Nanoseconds (decimal string or number) → integer microseconds, exactly: strings are cut, not divided.
 * Missing → 0; anything else invalid → NaN, which the span validation rejects.
 */
function nanosToMicros(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return Number.NaN;
    if (value <= Number.MAX_SAFE_INTEGER) return (value - (value % 1000)) / 1000;
    return Number(BigInt(value) / 1000n);
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 20) return Number.NaN;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return Number.NaN;
  }
  return value.length <= 3 ? 0 : Number(value.slice(0, -3));
}

function hexId(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function parentId(value: unknown): string | null {
  if (typeof value !== 'string' || isEmptyId(value)) return null;
  return value.toLowerCase();
}

function enumValue(value: unknown, names: Record<string, number>): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const known = names[value];
  return typeof known === 'number' ? known : 0;
}
