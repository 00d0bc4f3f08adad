import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeOtlpProtobuf, ProtobufWriter } from './__fixtures__/encode-otlp-protobuf.js';
import { exportOf, nestedArray, TRACE_ID } from './__fixtures__/export-builders.js';
import { decodeOtlpJson } from './decode-otlp-json.js';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf.js';
import type { DecodedExport } from './otlp-span.js';

const fixture = (name: string) => readFileSync(new URL(`../normalize/__fixtures__/${name}`, import.meta.url));

function decoded(body: Uint8Array): DecodedExport {
  const result = decodeOtlpProtobuf(body);
  if (!result.success) throw new Error(result.error);
  return result.value;
}

function errorOf(body: Uint8Array): string {
  const result = decodeOtlpProtobuf(body);
  if (result.success) throw new Error('expected the body to be rejected');
  return result.error;
}

/** An AnyValue nested `depth` ArrayValues deep, built inside out in linear time. */
function deeplyNestedAnyValue(depth: number): Uint8Array {
  const varint = (value: number): number[] => Array.from(new ProtobufWriter().varint(value).finish());
  const core = [0x0a, 4, ...Buffer.from('core')];
  const prefixes: number[][] = [];
  let length = core.length;
  for (let level = 0; level < depth; level++) {
    const arrayValue = [0x0a, ...varint(length)]; // ArrayValue.values = the inner AnyValue
    const anyValue = [0x2a, ...varint(length + arrayValue.length)]; // AnyValue.array_value
    prefixes.push([...anyValue, ...arrayValue]);
    length += arrayValue.length + anyValue.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (let level = prefixes.length - 1; level >= 0; level--) {
    bytes.set(prefixes[level]!, offset);
    offset += prefixes[level]!.length;
  }
  bytes.set(core, offset);
  return bytes;
}

/** The content of a message's first length-delimited field (drops its tag and length). */
function withoutFieldHeader(bytes: Uint8Array): Uint8Array {
  let offset = 1;
  while (bytes[offset]! & 0x80) offset++;
  return bytes.subarray(offset + 1);
}

describe('decodeOtlpProtobuf', () => {
  it('decodes the real OTel JS protobuf export to exactly what the JSON export of the same spans decodes to', () => {
    const fromProtobuf = decoded(new Uint8Array(fixture('otel-js-gen-ai.pb')));
    const fromJson = decodeOtlpJson(JSON.parse(fixture('otel-js-gen-ai.json').toString('utf8')));
    expect(fromProtobuf.spans).toHaveLength(7);
    expect(fromProtobuf.spans[0]!.attributes['gen_ai.usage.input_tokens']).toBe(1310);
    expect(fromJson).toEqual({ success: true, value: fromProtobuf });
  });

  it('agrees with the JSON decoder on hand-built edge cases', () => {
    const request = exportOf([
      {
        parentSpanId: '0000000000000000',
        kind: 3,
        startTimeUnixNano: '1767225600123456789',
        endTimeUnixNano: '9007199254740991999', // the last nanosecond whose microsecond fits in 2^53
        status: { code: 2, message: 'failed' },
        attributes: [
          { key: 'negative', value: { intValue: '-42' } },
          { key: 'huge', value: { intValue: '9223372036854775807' } },
          { key: 'most negative', value: { intValue: '-9223372036854775808' } },
          { key: 'double', value: { doubleValue: 1.5 } },
          { key: 'bool', value: { boolValue: true } },
          { key: 'bytes', value: { bytesValue: 'AAEC/w==' } },
          { key: 'unicode', value: { stringValue: 'Grüße, 東京 🚀' } },
          { key: 'long', value: { stringValue: 'x'.repeat(300) } },
          {
            key: 'kvlist',
            value: { kvlistValue: { values: [{ key: 'list', value: { arrayValue: { values: [] } } }] } },
          },
          { key: 'empty', value: {} },
        ],
        events: [
          {
            name: 'exception',
            timeUnixNano: '1767225600500000000',
            attributes: [{ key: 'exception.message', value: { stringValue: 'x' } }],
          },
        ],
      },
      { traceId: '00000000000000000000000000000000' },
      { spanId: 'abcd' },
      { attributes: [{ key: 'deep', value: nestedArray(33) }] },
      { endTimeUnixNano: '9007199254740992000' },
    ]);
    const fromProtobuf = decoded(encodeOtlpProtobuf(request));
    expect(fromProtobuf.spans).toHaveLength(1);
    expect(fromProtobuf.rejectedSpans).toBe(4);
    expect(fromProtobuf.spans[0]!.attributes.huge).toBe('9223372036854775807');
    expect(fromProtobuf.spans[0]!.attributes['most negative']).toBe('-9223372036854775808');
    expect(fromProtobuf.spans[0]!.endTimeUs).toBe(Number.MAX_SAFE_INTEGER);
    expect(decodeOtlpJson(request)).toEqual({ success: true, value: fromProtobuf });
  });

  it('decodes an empty body as an empty export', () => {
    expect(decoded(new Uint8Array())).toEqual({ spans: [], rejectedSpans: 0, rejectionReasons: [] });
  });

  it('skips unknown fields of every wire type', () => {
    const span = new ProtobufWriter()
      .tag(99, 0)
      .varint(123456789)
      .bytes(1, Uint8Array.from(Buffer.from(TRACE_ID, 'hex')))
      .tag(98, 1)
      .fixed64(7n)
      .bytes(2, Uint8Array.from(Buffer.from('0102030405060708', 'hex')))
      .string(5, 'with unknowns')
      .tag(97, 5)
      .raw([1, 2, 3, 4])
      .tag(7, 1)
      .fixed64(1767225600000000000n)
      .tag(8, 1)
      .fixed64(1767225600000001000n)
      .string(96, 'ignored')
      .tag(5, 0) // a known field number with an unexpected wire type is skipped, too
      .varint(1);
    const body = new ProtobufWriter()
      .string(42, 'top-level unknown')
      .message(1, (resourceSpans) =>
        resourceSpans.message(2, (scopeSpans) => scopeSpans.bytes(2, span.finish()).tag(50, 0).varint(1)),
      )
      .finish();
    const result = decoded(body);
    expect(result.spans.map((decodedSpan) => [decodedSpan.name, decodedSpan.endTimeUs])).toEqual([
      ['with unknowns', 1767225600000001],
    ]);
  });

  it('fails with a clear message on truncated bodies instead of throwing', () => {
    const body = new Uint8Array(fixture('otel-js-gen-ai.pb'));
    expect(errorOf(body.subarray(0, body.length - 1))).toMatch(
      /^malformed OTLP protobuf body: .+ \(at byte \d+\)$/,
    );
    for (let length = 1; length < body.length; length += 7) {
      const result = decodeOtlpProtobuf(body.subarray(0, length));
      // A cut that lands between two fields can still be a valid (shorter) message.
      if (result.success) expect(result.value.spans.length).toBeLessThan(7);
    }
  });

  it('fails on malformed wire data', () => {
    expect(errorOf(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toContain('runs past the end');
    expect(errorOf(Uint8Array.from([0x0b]))).toContain('unsupported wire type 3');
    expect(errorOf(Uint8Array.from([0x00]))).toContain('invalid field tag 0');
    expect(errorOf(Uint8Array.from(Array.from({ length: 11 }, () => 0xff)))).toContain(
      'varint longer than 10 bytes',
    );
    expect(errorOf(new TextEncoder().encode('{"resourceSpans":[]}'))).toContain(
      'send it as Content-Type: application/json',
    );
    // A nested message whose last field runs past the nested message's own length.
    expect(errorOf(Uint8Array.from([0x0a, 0x02, 0x12, 0x05, 0, 0, 0, 0, 0]))).toContain(
      'runs past the end of its message',
    );
  });

  it('rejects hostile nesting without descending into it', () => {
    // 100,000 nested ArrayValues: a recursive decoder without a limit would overflow the stack.
    const value = deeplyNestedAnyValue(100_000);
    const request = encodeOtlpProtobuf(exportOf([{}, {}]));
    const span = new ProtobufWriter()
      .bytes(1, Uint8Array.from(Buffer.from(TRACE_ID, 'hex')))
      .bytes(2, Uint8Array.from(Buffer.from('0102030405060708', 'hex')))
      .string(5, 'hostile')
      .tag(7, 1)
      .fixed64(1767225600000000000n)
      .tag(8, 1)
      .fixed64(1767225600000000000n)
      .message(9, (keyValue) => keyValue.string(1, 'deep').bytes(2, value))
      .finish();
    const hostile = new ProtobufWriter()
      .message(1, (resourceSpans) => resourceSpans.message(2, (scopeSpans) => scopeSpans.bytes(2, span)))
      .finish();
    const result = decoded(Uint8Array.from([...request, ...hostile]));
    expect(result.spans).toHaveLength(2);
    expect(result.rejectedSpans).toBe(1);
    expect(result.rejectionReasons[0]).toBe(
      "resourceSpans[1].scopeSpans[0].spans[0]: attribute 'deep' nests deeper than 32 levels",
    );
  });

  it('reads the resource even when it follows its spans on the wire', () => {
    const inOrder = encodeOtlpProtobuf(exportOf([{}]));
    const spansOnly = encodeOtlpProtobuf({
      resourceSpans: [{ scopeSpans: exportOf([{}]).resourceSpans[0]!.scopeSpans }],
    });
    const resourceOnly = new ProtobufWriter()
      .message(1, (resource) =>
        resource.message(1, (keyValue) =>
          keyValue.string(1, 'service.name').message(2, (any) => any.string(1, 'checkout')),
        ),
      )
      .finish();
    // Concatenating two encodings of the same message merges them: here, scopeSpans first, then resource.
    const reordered = new ProtobufWriter()
      .bytes(1, Uint8Array.from([...withoutFieldHeader(spansOnly), ...resourceOnly]))
      .finish();
    expect(decoded(reordered)).toEqual(decoded(inOrder));
  });
});
