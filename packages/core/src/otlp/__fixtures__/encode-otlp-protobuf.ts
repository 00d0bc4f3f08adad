// Test helper: encodes an OTLP/JSON-shaped export request as OTLP protobuf, so tests can check that both
// decoders agree on hand-built edge cases. It follows the field numbers of opentelemetry-proto v1 and
// writes fields in the order the OTel JS serializer does. Not a general-purpose encoder.

type Json = Record<string, any>;

export class ProtobufWriter {
  private readonly chunks: number[] = [];

  varint(value: number | bigint): this {
    let big = BigInt.asUintN(64, BigInt(value));
    while (big >= 0x80n) {
      this.chunks.push(Number(big & 0x7fn) | 0x80);
      big >>= 7n;
    }
    this.chunks.push(Number(big));
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  fixed64(value: bigint): this {
    for (let index = 0n; index < 8n; index++) this.chunks.push(Number((value >> (8n * index)) & 0xffn));
    return this;
  }

  double(value: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, value, true);
    for (const byte of bytes) this.chunks.push(byte);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2).varint(value.length);
    for (const byte of value) this.chunks.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  raw(bytes: number[]): this {
    this.chunks.push(...bytes);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

function writeAnyValue(writer: ProtobufWriter, value: Json): void {
  if (value.stringValue !== undefined) writer.string(1, value.stringValue);
  else if (value.boolValue !== undefined) writer.tag(2, 0).varint(value.boolValue ? 1 : 0);
  else if (value.intValue !== undefined) writer.tag(3, 0).varint(BigInt(value.intValue));
  else if (value.doubleValue !== undefined) writer.tag(4, 1).double(Number(value.doubleValue));
  else if (value.arrayValue !== undefined) {
    writer.message(5, (list) => {
      for (const item of value.arrayValue.values ?? []) list.message(1, (inner) => writeAnyValue(inner, item));
    });
  } else if (value.kvlistValue !== undefined) {
    writer.message(6, (list) => writeKeyValues(list, 1, value.kvlistValue.values ?? []));
  } else if (value.bytesValue !== undefined) writer.bytes(7, Uint8Array.from(atob(value.bytesValue), (c) => c.charCodeAt(0)));
}

function writeKeyValues(writer: ProtobufWriter, field: number, attributes: Json[]): void {
  for (const { key, value } of attributes) {
    writer.message(field, (kv) => {
      kv.string(1, key);
      if (value) kv.message(2, (inner) => writeAnyValue(inner, value));
    });
  }
}

function writeSpan(writer: ProtobufWriter, span: Json): void {
  writer.bytes(1, hexBytes(span.traceId ?? ''));
  writer.bytes(2, hexBytes(span.spanId ?? ''));
  if (span.parentSpanId) writer.bytes(4, hexBytes(span.parentSpanId));
  writer.string(5, span.name ?? '');
  if (span.kind) writer.tag(6, 0).varint(span.kind);
  writer.tag(7, 1).fixed64(BigInt(span.startTimeUnixNano ?? 0));
  writer.tag(8, 1).fixed64(BigInt(span.endTimeUnixNano ?? 0));
  writeKeyValues(writer, 9, span.attributes ?? []);
  for (const event of span.events ?? []) {
    writer.message(11, (inner) => {
      inner.tag(1, 1).fixed64(BigInt(event.timeUnixNano ?? 0));
      inner.string(2, event.name ?? '');
      writeKeyValues(inner, 3, event.attributes ?? []);
    });
  }
  if (span.status) {
    writer.message(15, (inner) => {
      if (span.status.message) inner.string(2, span.status.message);
      inner.tag(3, 0).varint(span.status.code ?? 0);
    });
  }
}

/** Encodes `{ resourceSpans: [...] }` in the OTLP/JSON shape as an ExportTraceServiceRequest. */
export function encodeOtlpProtobuf(request: Json): Uint8Array {
  const writer = new ProtobufWriter();
  for (const resourceSpans of request.resourceSpans ?? []) {
    writer.message(1, (rs) => {
      if (resourceSpans.resource) rs.message(1, (r) => writeKeyValues(r, 1, resourceSpans.resource.attributes ?? []));
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        rs.message(2, (ss) => {
          if (scopeSpans.scope) ss.message(1, (scope) => scope.string(1, scopeSpans.scope.name ?? ''));
          for (const span of scopeSpans.spans ?? []) ss.message(2, (inner) => writeSpan(inner, span));
        });
      }
    });
  }
  return writer.finish();
}
