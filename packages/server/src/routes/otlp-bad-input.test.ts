import { gzipSync } from 'node:zlib';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomSpanId, randomTraceId } from '../test-support/otlp-payload.js';
import { mutateBytes, seededRandom } from '../test-support/seeded-random.js';

const maxBodyBytes = 256 * 1024;

async function recordedProtobufBatch(): Promise<Uint8Array> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('fuzz');
  for (let index = 0; index < 5; index++) {
    const span = tracer.startSpan(`chat ${index}`, {
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 10 + index,
      },
    });
    span.end();
  }
  await provider.forceFlush();
  return ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans()) as Uint8Array;
}

describe('bad input to /v1/traces', () => {
  let live: LiveServer;
  const keptTraceId = randomTraceId();
  const spanCountOfKeptTrace = async () =>
    (
      (await request(live, live.keyA, 'GET', `/api/traces/${keptTraceId}`)).body as {
        trace: { spanCount: number };
      }
    ).trace.spanCount;

  beforeAll(async () => {
    live = await startLiveServer({ maxBodyBytes });
    const stored = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([{ traceId: keptTraceId }, { traceId: keptTraceId }]),
    );
    expect(stored.status).toBe(200);
  });
  afterAll(async () => {
    // Whatever came before, the server is up and nothing already stored was lost.
    expect((await fetch(`${live.url}/api/health`)).status).toBe(200);
    expect(await spanCountOfKeptTrace()).toBe(2);
    await live.stop();
  });

  const expectClientError = (response: { status: number; body: unknown }, code: string, message: RegExp) => {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).toEqual({ error: { code, message: expect.stringMatching(message) } });
  };

  it('malformed JSON: 400 naming the problem', async () => {
    expectClientError(
      await postOtlp(live.url, live.keyA, '{"resourceSpans": ['),
      'bad_request',
      /not valid JSON/,
    );
  });

  it('wrong types at the top: 400', async () => {
    expectClientError(
      await postOtlp(live.url, live.keyA, { resourceSpans: 'nope' }),
      'bad_request',
      /resourceSpans/,
    );
    expectClientError(await postOtlp(live.url, live.keyA, '[1,2,3]'), 'bad_request', /invalid OTLP/);
  });

  it('invalid UTF-8: 400', async () => {
    const body = Buffer.concat([
      Buffer.from('{"resourceSpans":[{"x":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}]}'),
    ]);
    expectClientError(await postOtlp(live.url, live.keyA, new Uint8Array(body)), 'bad_request', /UTF-8/);
  });

  it('empty batches are accepted with an empty answer', async () => {
    for (const body of [{}, { resourceSpans: [] }, { resourceSpans: [{ scopeSpans: [{ spans: [] }] }] }]) {
      const response = await postOtlp(live.url, live.keyA, body);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({});
    }
  });

  it('unknown fields are ignored, as OTLP requires', async () => {
    const payload = otlpJson([{ name: 'with-extras' }]) as unknown as {
      resourceSpans: Record<string, unknown>[];
    };
    payload.resourceSpans[0]!.futureField = { deep: [1, 2, 3] };
    (payload as Record<string, unknown>).anotherUnknown = true;
    const response = await postOtlp(live.url, live.keyA, payload);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });

  it('invalid ids reject those spans only, with partial_success saying why', async () => {
    const good = randomTraceId();
    const payload = otlpJson([
      { traceId: good, name: 'good' },
      { traceId: 'not-hex', name: 'bad-trace-id' },
      { traceId: good, spanId: '0000000000000000', name: 'zero-span-id' },
    ]);
    const response = await postOtlp(live.url, live.keyA, payload);
    expect(response.status).toBe(200);
    const partial = (response.body as { partialSuccess: { rejectedSpans: string; errorMessage: string } })
      .partialSuccess;
    expect(Number(partial.rejectedSpans)).toBe(2);
    expect(partial.errorMessage).toMatch(/trace ?id|span ?id/i);
    const stored = await request(live, live.keyA, 'GET', `/api/traces/${good}`);
    expect((stored.body as { trace: { spanCount: number } }).trace.spanCount).toBe(1);
  });

  it('an oversize body: 413 naming the limit', async () => {
    const big = otlpJson([
      { attributes: { 'gen_ai.operation.name': 'chat', 'sextant.output': 'x'.repeat(maxBodyBytes) } },
    ]);
    expectClientError(
      await postOtlp(live.url, live.keyA, big),
      'payload_too_large',
      new RegExp(String(maxBodyBytes)),
    );
  });

  it('a small gzip body that inflates beyond the limit: 413', async () => {
    const bomb = gzipSync(
      Buffer.from(JSON.stringify(otlpJson([{ attributes: { filler: ' '.repeat(4 * maxBodyBytes) } }]))),
    );
    expect(bomb.length).toBeLessThan(maxBodyBytes);
    const response = await postOtlp(live.url, live.keyA, new Uint8Array(bomb), {
      'content-encoding': 'gzip',
    });
    expectClientError(response, 'payload_too_large', /decompressed/);
  });

  it('an unsupported content type or encoding: 415', async () => {
    expectClientError(
      await postOtlp(live.url, live.keyA, 'hello', { 'content-type': 'text/plain' }),
      'unsupported_media_type',
      /application\/json/,
    );
    expectClientError(
      await postOtlp(live.url, live.keyA, '{}', { 'content-encoding': 'br' }),
      'unsupported_media_type',
      /gzip/,
    );
  });

  it('deeply nested values: the span is rejected or the request refused, never a crash', async () => {
    // Built as text: JSON.stringify itself would overflow on a value this deep.
    const depth = 5_000;
    const deepValue = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"bottom"}${']}}'.repeat(depth)}`;
    const payload = JSON.stringify(otlpJson([{ name: 'deep', attributes: { marker: 'DEEP' } }])).replace(
      '{"stringValue":"DEEP"}',
      deepValue,
    );
    const response = await postOtlp(live.url, live.keyA, payload);
    expect(response.status).toBeLessThan(500);
    if (response.status === 200)
      expect(response.body).toMatchObject({ partialSuccess: { rejectedSpans: '1' } });
    const deepJson = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await postOtlp(live.url, live.keyA, deepJson)).status).toBe(400);
  });

  it('malformed protobuf: 400 with a google.rpc.Status body', async () => {
    const response = await fetch(`${live.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${live.keyA}` },
      body: Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toMatch(/invalid OTLP/);
  });

  it('seeded fuzz: thousands of mutated JSON and protobuf batches never cause a 5xx', async () => {
    const random = seededRandom(0x5e17a47);
    const json = new TextEncoder().encode(
      JSON.stringify(
        otlpJson(Array.from({ length: 5 }, () => ({ traceId: randomTraceId(), spanId: randomSpanId() }))),
      ),
    );
    const protobuf = await recordedProtobufBatch();
    const statuses = new Map<number, number>();
    for (let round = 0; round < 2_000; round++) {
      const isJson = round % 2 === 0;
      const body = mutateBytes(isJson ? json : protobuf, random);
      const response = await fetch(`${live.url}/v1/traces`, {
        method: 'POST',
        headers: {
          'content-type': isJson ? 'application/json' : 'application/x-protobuf',
          authorization: `Bearer ${live.keyA}`,
        },
        body,
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `round ${round}`).toBeLessThan(500);
    }
    // The mutations must exercise both the accepting and the refusing paths.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
  }, 120_000);
});
