/**
 * A minimal protobuf reader for OTLP `ExportTraceServiceRequest` bodies, written from the
 * opentelemetry-proto field numbers so that tests check the exporter's bytes independently of
 * the exporter's own encoder.
 */

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  /** Empty string for a root span. */
  parentSpanId: string;
  name: string;
  scopeName: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  startTimeUnixNano: bigint;
}

type Field = { number: number; varint?: bigint; bytes?: Buffer };

function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buffer[offset++];
    if (byte === undefined) throw new Error('truncated varint');
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, offset];
    shift += 7n;
  }
}

function readFields(buffer: Buffer): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, next] = readVarint(buffer, offset);
    offset = next;
    const number = Number(tag >> 3n);
    switch (Number(tag & 7n)) {
      case 0: {
        const [value, after] = readVarint(buffer, offset);
        fields.push({ number, varint: value });
        offset = after;
        break;
      }
      case 1:
        fields.push({ number, bytes: buffer.subarray(offset, offset + 8) });
        offset += 8;
        break;
      case 2: {
        const [length, after] = readVarint(buffer, offset);
        const end = after + Number(length);
        fields.push({ number, bytes: buffer.subarray(after, end) });
        offset = end;
        break;
      }
      case 5:
        fields.push({ number, bytes: buffer.subarray(offset, offset + 4) });
        offset += 4;
        break;
      default:
        throw new Error(`unsupported wire type in tag ${tag}`);
    }
  }
  return fields;
}

const all = (fields: Field[], number: number) => fields.filter((field) => field.number === number);
const bytesOf = (fields: Field[], number: number) => all(fields, number)[0]?.bytes ?? Buffer.alloc(0);
const stringOf = (fields: Field[], number: number) => bytesOf(fields, number).toString('utf8');

function decodeAnyValue(buffer: Buffer): unknown {
  const field = readFields(buffer)[0];
  if (!field) return undefined;
  switch (field.number) {
    case 1:
      return field.bytes?.toString('utf8');
    case 2:
      return field.varint === 1n;
    case 3:
      return Number(BigInt.asIntN(64, field.varint ?? 0n));
    case 4:
      return field.bytes?.readDoubleLE(0);
    case 5:
      return all(readFields(field.bytes ?? Buffer.alloc(0)), 1).map((value) =>
        decodeAnyValue(value.bytes ?? Buffer.alloc(0)),
      );
    default:
      return field.bytes;
  }
}

function decodeKeyValues(fields: Field[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const keyValue = readFields(field.bytes ?? Buffer.alloc(0));
    result[stringOf(keyValue, 1)] = decodeAnyValue(bytesOf(keyValue, 2));
  }
  return result;
}

/** Every span in one OTLP/protobuf export request body. */
export function decodeOtlpTraces(body: Buffer): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of all(readFields(body), 1)) {
    const resourceFields = readFields(resourceSpans.bytes ?? Buffer.alloc(0));
    const resource = decodeKeyValues(all(readFields(bytesOf(resourceFields, 1)), 1));
    for (const scopeSpans of all(resourceFields, 2)) {
      const scopeFields = readFields(scopeSpans.bytes ?? Buffer.alloc(0));
      const scopeName = stringOf(readFields(bytesOf(scopeFields, 1)), 1);
      for (const spanField of all(scopeFields, 2)) {
        const span = readFields(spanField.bytes ?? Buffer.alloc(0));
        const status = readFields(bytesOf(span, 15));
        spans.push({
          traceId: bytesOf(span, 1).toString('hex'),
          spanId: bytesOf(span, 2).toString('hex'),
          parentSpanId: bytesOf(span, 4).toString('hex'),
          name: stringOf(span, 5),
          scopeName,
          startTimeUnixNano: bytesOf(span, 7).length === 8 ? bytesOf(span, 7).readBigUInt64LE(0) : 0n,
          attributes: decodeKeyValues(all(span, 9)),
          resource,
          events: all(span, 11).map((event) => {
            const eventFields = readFields(event.bytes ?? Buffer.alloc(0));
            return { name: stringOf(eventFields, 2), attributes: decodeKeyValues(all(eventFields, 3)) };
          }),
          statusCode: Number(all(status, 3)[0]?.varint ?? 0n),
          statusMessage: stringOf(status, 2),
        });
      }
    }
  }
  return spans;
}
