import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportOf, nestedArray, SPAN_ID, TRACE_ID } from './__fixtures__/export-builders.js';
import { decodeOtlpJson } from './decode-otlp-json.js';
import type { DecodedExport } from './otlp-span.js';

function decoded(body: unknown): DecodedExport {
  const result = decodeOtlpJson(body);
  if (!result.success) throw new Error(result.error);
  return result.value;
}

describe('decodeOtlpJson', () => {
  it('decodes a real OTel JS exporter request: ids, exact microseconds, typed attributes, events, status', () => {
    const body = JSON.parse(
      readFileSync(new URL('../normalize/__fixtures__/otel-js-gen-ai.json', import.meta.url), 'utf8'),
    );
    const { spans, rejectedSpans } = decoded(body);
    expect(rejectedSpans).toBe(0);
    expect(spans).toHaveLength(7);
    const chat = spans[0]!;
    expect(chat.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(chat.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(chat.kind).toBe(3);
    expect(chat.scopeName).toBe('weather-agent');
    // "1795797705251221306" ns → 1795797705251221 µs, cut rather than divided.
    expect(String(chat.endTimeUs)).toBe(
      body.resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano.slice(0, -3),
    );
    expect(chat.attributes['gen_ai.request.temperature']).toBe(0.2);
    expect(chat.attributes['gen_ai.request.max_tokens']).toBe(256);
    expect(chat.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    const failed = spans.find((span) => span.statusCode === 2)!;
    expect(failed.statusMessage).toContain('Rate limit');
    expect(failed.events[0]?.name).toBe('exception');
    expect(failed.events[0]?.attributes['exception.type']).toBe('RateLimitError');
    const root = spans.find((span) => span.parentSpanId === null)!;
    expect(root.name).toBe('invoke_agent weather-agent');
    expect(root.attributes['sextant.tags']).toEqual(['beta', 'weather']);
  });

  it('shares one resource object between all spans of a resource', () => {
    const { spans } = decoded(exportOf([{}, {}]));
    expect(spans[0]!.resource).toEqual({ 'service.name': 'checkout' });
    expect(spans[0]!.resource).toBe(spans[1]!.resource);
  });

  it('fails only when the top level is not an export request', () => {
    for (const body of [null, 'text', 42, [], { resourceSpans: {} }, { resourceSpans: 'x' }]) {
      const result = decodeOtlpJson(body);
      expect(result.success, JSON.stringify(body)).toBe(false);
    }
    expect(decoded({})).toEqual({ spans: [], rejectedSpans: 0, rejectionReasons: [] });
    expect(decoded({ resourceSpans: [] }).spans).toEqual([]);
    expect(decoded({ resourceSpans: [{ scopeSpans: [{ spans: [] }] }] }).spans).toEqual([]);
  });

  it('rejects spans with invalid ids and keeps the rest, saying why', () => {
    const result = decoded(
      exportOf([
        {},
        { traceId: 'abc' },
        { traceId: '00000000000000000000000000000000' },
        { spanId: '0000000000000000' },
        { spanId: 'zzzzzzzzzzzzzzzz' },
        { traceId: TRACE_ID.toUpperCase(), spanId: 'ABCDEF0123456789' },
        { parentSpanId: 'not-hex' },
        { traceId: 'W47/95gDgQPSabYzgT/GDA==' }, // base64, which OTLP/JSON does not use
      ]),
    );
    expect(result.spans.map((span) => span.name)).toEqual(['span 0', 'span 5']);
    expect(result.spans[1]!.traceId).toBe(TRACE_ID);
    expect(result.spans[1]!.spanId).toBe('abcdef0123456789');
    expect(result.rejectedSpans).toBe(6);
    expect(result.rejectionReasons[0]).toBe(
      "resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 32 hex characters, not all zeros; got 'abc'",
    );
    expect(result.rejectionReasons.join('\n')).toContain('spans[3]: spanId must be 16 hex characters');
    expect(result.rejectionReasons.join('\n')).toContain(
      'spans[6]: parentSpanId must be empty or 16 hex characters',
    );
  });

  it('treats an empty or all-zero parentSpanId as no parent', () => {
    const { spans } = decoded(
      exportOf([{ parentSpanId: '' }, { parentSpanId: '0000000000000000' }, { parentSpanId: SPAN_ID }]),
    );
    expect(spans.map((span) => span.parentSpanId)).toEqual([null, null, SPAN_ID]);
  });

  it('converts nanoseconds to microseconds exactly and rejects bad timestamps', () => {
    const result = decoded(
      exportOf([
        { startTimeUnixNano: '1767225600123456789', endTimeUnixNano: '1767225600123457999' },
        { startTimeUnixNano: 1767225600123456, endTimeUnixNano: 1767225600123999 }, // numbers are allowed too
        { startTimeUnixNano: '1.7e18' },
        { startTimeUnixNano: '-5' },
        { endTimeUnixNano: '1767225599000000000' }, // ends before it starts
        { startTimeUnixNano: undefined },
        { startTimeUnixNano: '99999999999999999999', endTimeUnixNano: '99999999999999999999' }, // past year 2255
      ]),
    );
    expect(result.spans.map((span) => [span.startTimeUs, span.endTimeUs])).toEqual([
      [1767225600123456, 1767225600123457],
      [1767225600123, 1767225600123],
    ]);
    expect(result.rejectedSpans).toBe(5);
    expect(result.rejectionReasons[0]).toContain('startTimeUnixNano must be a positive integer');
  });

  it('rejects a span without a string name', () => {
    const result = decoded(exportOf([{ name: undefined }, { name: 7 }, { name: '' }]));
    expect(result.spans.map((span) => span.name)).toEqual(['']);
    expect(result.rejectionReasons[0]).toContain('name is missing or not a string');
  });

  it('maps every AnyValue type to a plain JS value', () => {
    const attributes = [
      { key: 'string', value: { stringValue: 'hello' } },
      { key: 'int', value: { intValue: '42' } },
      { key: 'int as number', value: { intValue: -7 } },
      { key: 'int beyond 2^53', value: { intValue: '9223372036854775807' } },
      { key: 'double', value: { doubleValue: 0.25 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'infinity', value: { doubleValue: '-Infinity' } },
      { key: 'bool', value: { boolValue: false } },
      { key: 'bytes', value: { bytesValue: 'AQID' } },
      { key: 'array', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
      { key: 'kvlist', value: { kvlistValue: { values: [{ key: 'nested', value: { boolValue: true } }] } } },
      { key: 'empty', value: {} },
      { key: 'missing' },
      { key: 'wrong type', value: { stringValue: 5 } },
      { key: '__proto__', value: { stringValue: 'not a prototype' } },
      { value: { stringValue: 'no key' } },
      'not a key-value',
    ];
    const span = decoded(exportOf([{ attributes, unknownField: { ignored: true } }])).spans[0]!;
    expect(span.attributes).toEqual({
      string: 'hello',
      int: 42,
      'int as number': -7,
      'int beyond 2^53': '9223372036854775807',
      double: 0.25,
      nan: Number.NaN,
      infinity: Number.NEGATIVE_INFINITY,
      bool: false,
      bytes: 'AQID',
      array: ['a', 1],
      kvlist: { nested: true },
      empty: null,
      missing: null,
      'wrong type': null,
      ['__proto__']: 'not a prototype',
    });
    expect(Object.getPrototypeOf(span.attributes)).toBe(Object.prototype);
  });

  it('accepts enum names as well as numbers for kind and status', () => {
    const span = decoded(
      exportOf([{ kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_ERROR', message: 'boom' } }]),
    ).spans[0]!;
    expect(span.kind).toBe(2);
    expect(span.statusCode).toBe(2);
    expect(span.statusMessage).toBe('boom');
    const odd = decoded(exportOf([{ kind: 99, status: { code: 'constructor' } }])).spans[0]!;
    expect([odd.kind, odd.statusCode, odd.statusMessage]).toEqual([0, 0, null]);
  });

  it('limits attribute nesting to 32 levels and rejects deeper spans', () => {
    const result = decoded(
      exportOf([
        { attributes: [{ key: 'ok', value: nestedArray(32) }] },
        { attributes: [{ key: 'deep', value: nestedArray(33) }] },
        {
          events: [
            {
              name: 'e',
              timeUnixNano: '1767225600000000000',
              attributes: [{ key: 'deep', value: nestedArray(40) }],
            },
          ],
        },
      ]),
    );
    expect(result.spans.map((span) => span.name)).toEqual(['span 0']);
    expect(result.rejectionReasons).toEqual([
      "resourceSpans[0].scopeSpans[0].spans[1]: attribute 'deep' nests deeper than 32 levels",
      "resourceSpans[0].scopeSpans[0].spans[2]: event attribute 'deep' nests deeper than 32 levels",
    ]);
  });

  it('rejects hostile nesting without descending into it', () => {
    const depth = 100_000;
    const deep = JSON.parse(
      `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"x"}${']}}'.repeat(depth)}`,
    );
    const result = decoded(exportOf([{}, { attributes: [{ key: 'deep', value: deep }] }]));
    expect(result.spans).toHaveLength(1);
    expect(result.rejectedSpans).toBe(1);
  });

  it('rejects every span of a resource whose attributes nest too deep', () => {
    const result = decoded(exportOf([{}, {}], [{ key: 'deep', value: nestedArray(50) }]));
    expect(result.spans).toEqual([]);
    expect(result.rejectedSpans).toBe(2);
    expect(result.rejectionReasons[0]).toContain("resource attribute 'deep' nests deeper");
  });

  it('counts every rejected span but keeps only the first ten reasons', () => {
    const result = decoded(exportOf(Array.from({ length: 25 }, () => ({ traceId: 'bad' }))));
    expect(result.rejectedSpans).toBe(25);
    expect(result.rejectionReasons).toHaveLength(10);
  });

  it('skips malformed containers with a warning instead of failing the request', () => {
    const result = decoded({
      resourceSpans: ['nope', { scopeSpans: 'nope' }, ...exportOf([{}]).resourceSpans],
    });
    expect(result.spans).toHaveLength(1);
    expect(result.rejectedSpans).toBe(0);
    expect(result.rejectionReasons).toEqual([
      'resourceSpans[0] is not an object; skipped',
      'resourceSpans[1].scopeSpans is not an array; skipped',
    ]);
  });
});
