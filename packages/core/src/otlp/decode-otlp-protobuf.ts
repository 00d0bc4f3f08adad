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
import { ProtobufReader } from './protobuf-reader.js';

// Field tags (field number * 8 + wire type) of the OTLP trace protos (opentelemetry-proto v1):
// collector/trace/v1, trace/v1, common/v1 and resource/v1. Anything else is skipped by wire type.
const LENGTH = 2;
const tag = (field: number, wireType: number): number => field * 8 + wireType;
const REQUEST_RESOURCE_SPANS = tag(1, LENGTH);
const RESOURCE_SPANS_RESOURCE = tag(1, LENGTH);
const RESOURCE_SPANS_SCOPE_SPANS = tag(2, LENGTH);
const RESOURCE_ATTRIBUTES = tag(1, LENGTH);
const SCOPE_SPANS_SCOPE = tag(1, LENGTH);
const SCOPE_SPANS_SPANS = tag(2, LENGTH);
const SCOPE_NAME = tag(1, LENGTH);
const SPAN_TRACE_ID = tag(1, LENGTH);
const SPAN_SPAN_ID = tag(2, LENGTH);
const SPAN_PARENT_SPAN_ID = tag(4, LENGTH);
const SPAN_NAME = tag(5, LENGTH);
const SPAN_KIND = tag(6, 0);
const SPAN_START_TIME = tag(7, 1);
const SPAN_END_TIME = tag(8, 1);
const SPAN_ATTRIBUTES = tag(9, LENGTH);
const SPAN_EVENTS = tag(11, LENGTH);
const SPAN_STATUS = tag(15, LENGTH);
const EVENT_TIME = tag(1, 1);
const EVENT_NAME = tag(2, LENGTH);
const EVENT_ATTRIBUTES = tag(3, LENGTH);
const STATUS_MESSAGE = tag(2, LENGTH);
const STATUS_CODE = tag(3, 0);
const KEY_VALUE_KEY = tag(1, LENGTH);
const KEY_VALUE_VALUE = tag(2, LENGTH);
const ANY_STRING = tag(1, LENGTH);
const ANY_BOOL = tag(2, 0);
const ANY_INT = tag(3, 0);
const ANY_DOUBLE = tag(4, 1);
const ANY_ARRAY = tag(5, LENGTH);
const ANY_KVLIST = tag(6, LENGTH);
const ANY_BYTES = tag(7, LENGTH);
const LIST_VALUES = tag(1, LENGTH);

/**
 * Decodes an OTLP/HTTP protobuf `ExportTraceServiceRequest` into the same shape as {@link decodeOtlpJson}
 * produces for the same data. Truncated or malformed bytes fail the whole request with a message;
 * invalid spans are counted in `rejectedSpans` and the rest are kept. Never throws. int64 attributes become
 * numbers, or exact decimal strings beyond ±2^53; bytes become base64 strings, as in OTLP/JSON.
 * @example decodeOtlpProtobuf(new Uint8Array(await request.arrayBuffer()))
 */
export function decodeOtlpProtobuf(body: Uint8Array): Result<DecodedExport, string> {
  const reader = new ProtobufReader(body);
  const collector = new ExportCollector();
  try {
    let resourceIndex = 0;
    while (reader.more) {
      const fieldTag = reader.tag();
      if (fieldTag === REQUEST_RESOURCE_SPANS) decodeResourceSpans(reader, resourceIndex++, collector);
      else reader.skip(fieldTag & 7);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // 0x7b is "{": a JSON export sent with the protobuf content type.
    const hint =
      body[0] === 0x7b ? '; the body looks like JSON, send it as Content-Type: application/json' : '';
    return fail(`malformed OTLP protobuf body: ${reason}${hint}`);
  }
  return ok(collector.result());
}

function decodeResourceSpans(reader: ProtobufReader, index: number, collector: ExportCollector): void {
  const outer = reader.enter();
  // The resource may follow its spans on the wire; spans hold this object and see it filled in later.
  const resource: Record<string, unknown> = {};
  let resourceProblem: string | null = null;
  const scopes: Array<Array<OtlpSpan | string>> = [];
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === RESOURCE_SPANS_RESOURCE) {
      resourceProblem = decodeResource(reader, resource) ?? resourceProblem;
    } else if (fieldTag === RESOURCE_SPANS_SCOPE_SPANS) {
      scopes.push(decodeScopeSpans(reader, resource));
    } else {
      reader.skip(fieldTag & 7);
    }
  }
  reader.leave(outer);
  collector.addResource(index, scopes, resourceProblem && `resource ${resourceProblem}`);
}

function decodeResource(reader: ProtobufReader, into: Record<string, unknown>): string | null {
  const outer = reader.enter();
  let problem: string | null = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === RESOURCE_ATTRIBUTES) problem = decodeKeyValue(reader, into, 1) ?? problem;
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  return problem;
}

function decodeScopeSpans(
  reader: ProtobufReader,
  resource: Record<string, unknown>,
): Array<OtlpSpan | string> {
  const outer = reader.enter();
  const spans: Array<OtlpSpan | string> = [];
  let scopeName: string | null = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === SCOPE_SPANS_SPANS) spans.push(decodeSpan(reader, resource));
    else if (fieldTag === SCOPE_SPANS_SCOPE) scopeName = decodeScopeName(reader);
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  for (const span of spans) if (typeof span !== 'string') span.scopeName = scopeName;
  return spans;
}

function decodeScopeName(reader: ProtobufReader): string | null {
  const outer = reader.enter();
  let name = '';
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === SCOPE_NAME) name = reader.string();
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  return name === '' ? null : name;
}

/** Decodes one span, or returns why it cannot be kept (ids and times are checked by the collector). */
function decodeSpan(reader: ProtobufReader, resource: Record<string, unknown>): OtlpSpan | string {
  const outer = reader.enter();
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: null,
    name: '',
    kind: 0,
    startTimeUs: 0,
    endTimeUs: 0,
    attributes: {},
    events: [],
    statusCode: 0,
    statusMessage: null,
    resource,
    scopeName: null,
  };
  let problem: string | null = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === SPAN_TRACE_ID) span.traceId = reader.hex();
    else if (fieldTag === SPAN_SPAN_ID) span.spanId = reader.hex();
    else if (fieldTag === SPAN_PARENT_SPAN_ID) span.parentSpanId = reader.hex();
    else if (fieldTag === SPAN_NAME) span.name = reader.string();
    else if (fieldTag === SPAN_KIND) span.kind = clampEnum(reader.varint(), 5);
    else if (fieldTag === SPAN_START_TIME) span.startTimeUs = reader.fixed64NanosToMicros();
    else if (fieldTag === SPAN_END_TIME) span.endTimeUs = reader.fixed64NanosToMicros();
    else if (fieldTag === SPAN_ATTRIBUTES) problem = decodeKeyValue(reader, span.attributes, 1) ?? problem;
    else if (fieldTag === SPAN_EVENTS) problem = decodeEvent(reader, span.events) ?? problem;
    else if (fieldTag === SPAN_STATUS) decodeStatus(reader, span);
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  if (span.parentSpanId !== null && isEmptyId(span.parentSpanId)) span.parentSpanId = null;
  return problem ?? span;
}

function decodeEvent(reader: ProtobufReader, into: OtlpEvent[]): string | null {
  const outer = reader.enter();
  const event: OtlpEvent = { name: '', timeUs: 0, attributes: {} };
  let problem: string | null = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === EVENT_TIME) event.timeUs = reader.fixed64NanosToMicros();
    else if (fieldTag === EVENT_NAME) event.name = reader.string();
    else if (fieldTag === EVENT_ATTRIBUTES) problem = decodeKeyValue(reader, event.attributes, 1) ?? problem;
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  into.push(event);
  return problem && `event ${problem}`;
}

function decodeStatus(reader: ProtobufReader, span: OtlpSpan): void {
  const outer = reader.enter();
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === STATUS_MESSAGE) {
      const message = reader.string();
      span.statusMessage = message === '' ? null : message;
    } else if (fieldTag === STATUS_CODE) {
      span.statusCode = clampEnum(reader.varint(), 2);
    } else {
      reader.skip(fieldTag & 7);
    }
  }
  reader.leave(outer);
}

/** Decodes one KeyValue into `into`; returns why it is unacceptable (nested too deep) or null. */
function decodeKeyValue(reader: ProtobufReader, into: Record<string, unknown>, depth: number): string | null {
  const outer = reader.enter();
  let key = '';
  let value: unknown = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === KEY_VALUE_KEY) key = reader.string();
    else if (fieldTag === KEY_VALUE_VALUE) value = decodeAnyValue(reader, depth);
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  if (value === TOO_DEEP) return tooDeepReason(key);
  setEntry(into, key, value);
  return null;
}

/** AnyValue → plain JS value (see decodeOtlpJson); an empty AnyValue becomes null. */
function decodeAnyValue(reader: ProtobufReader, depth: number): unknown {
  const outer = reader.enter();
  let value: unknown = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === ANY_STRING) value = reader.string();
    else if (fieldTag === ANY_INT) value = reader.int64();
    else if (fieldTag === ANY_DOUBLE) value = reader.double();
    else if (fieldTag === ANY_BOOL) value = reader.varint() !== 0;
    else if (fieldTag === ANY_ARRAY || fieldTag === ANY_KVLIST) {
      if (depth > MAX_ANY_VALUE_DEPTH) {
        // Skip the nested bytes without descending, so hostile nesting cannot exhaust the stack.
        reader.skip(fieldTag & 7);
        value = TOO_DEEP;
      } else {
        value =
          fieldTag === ANY_ARRAY ? decodeArray(reader, depth + 1) : decodeKeyValueList(reader, depth + 1);
      }
    } else if (fieldTag === ANY_BYTES) value = reader.base64();
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  return value;
}

function decodeArray(reader: ProtobufReader, depth: number): unknown {
  const outer = reader.enter();
  const values: unknown[] = [];
  let tooDeep = false;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === LIST_VALUES) {
      const item = decodeAnyValue(reader, depth);
      if (item === TOO_DEEP) tooDeep = true;
      values.push(item);
    } else {
      reader.skip(fieldTag & 7);
    }
  }
  reader.leave(outer);
  return tooDeep ? TOO_DEEP : values;
}

function decodeKeyValueList(reader: ProtobufReader, depth: number): unknown {
  const outer = reader.enter();
  const record: Record<string, unknown> = {};
  let problem: string | null = null;
  while (reader.more) {
    const fieldTag = reader.tag();
    if (fieldTag === LIST_VALUES) problem = decodeKeyValue(reader, record, depth) ?? problem;
    else reader.skip(fieldTag & 7);
  }
  reader.leave(outer);
  return problem === null ? record : TOO_DEEP;
}
