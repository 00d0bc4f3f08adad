import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

interface TraceDetailBody {
  trace: { name: string; spanCount: number; inputTokens: number; outputTokens: number; status: string };
  tree: {
    span: { name: string; kind: string; model: string | null };
    children: {
      span: {
        name: string;
        kind: string;
        model: string | null;
        inputTokens: number | null;
        error: { message: string } | null;
      };
    }[];
  }[];
}

/** Emits a small RAG-shaped trace through a real OTel SDK and exporter; returns its trace id. */
async function emitTrace(exporter: SpanExporter, label: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `exporter-${label}` }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('sextant-test');
  let traceId = '';
  tracer.startActiveSpan(`answer-${label}`, (root) => {
    traceId = root.spanContext().traceId;
    // No context manager is registered here, so children get their parent explicitly.
    const parent = trace.setSpan(context.active(), root);
    const chat = tracer.startSpan(
      'chat gpt-4o-mini',
      {
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 42,
          'gen_ai.usage.output_tokens': 9,
        },
      },
      parent,
    );
    chat.end();
    const tool = tracer.startSpan(
      'execute_tool lookup',
      {
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
      },
      parent,
    );
    tool.recordException(new Error('lookup service unavailable'));
    tool.setStatus({ code: SpanStatusCode.ERROR, message: 'lookup service unavailable' });
    tool.end();
    root.end();
  });
  await provider.forceFlush();
  await provider.shutdown();
  return traceId;
}

describe('OTLP ingestion from the real OpenTelemetry JS exporters', () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
  });
  afterAll(() => live.stop());

  const exporters = {
    json: () =>
      new JsonExporter({ url: `${live.url}/v1/traces`, headers: { authorization: `Bearer ${live.keyA}` } }),
    protobuf: () =>
      new ProtobufExporter({
        url: `${live.url}/v1/traces`,
        headers: { authorization: `Bearer ${live.keyA}` },
      }),
    'gzip protobuf': () =>
      new ProtobufExporter({
        url: `${live.url}/v1/traces`,
        headers: { authorization: `Bearer ${live.keyA}` },
        compression: 'gzip' as never,
      }),
  };

  for (const [label, create] of Object.entries(exporters)) {
    it(`stores a trace sent by the ${label} exporter, normalised and rolled up`, async () => {
      const traceId = await emitTrace(create(), label.replace(' ', '-'));
      const { status, body } = await request(live, live.keyA, 'GET', `/api/traces/${traceId}`);
      expect(status).toBe(200);
      const detail = body as TraceDetailBody;
      expect(detail.trace).toMatchObject({
        name: `answer-${label.replace(' ', '-')}`,
        spanCount: 3,
        inputTokens: 42,
        outputTokens: 9,
        status: 'error',
      });
      const [root] = detail.tree;
      const children = Object.fromEntries(root!.children.map((child) => [child.span.name, child.span]));
      expect(children['chat gpt-4o-mini']).toMatchObject({
        kind: 'llm',
        model: 'gpt-4o-mini',
        inputTokens: 42,
      });
      expect(children['execute_tool lookup']).toMatchObject({
        kind: 'tool',
        error: { message: 'lookup service unavailable' },
      });
    });
  }

  it('re-sending the same spans does not duplicate them', async () => {
    const exporter = exporters.json();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const span = provider.getTracer('t').startSpan('once');
    span.end();
    await provider.forceFlush();
    const traceId = span.spanContext().traceId;
    // Export the very same finished span a second time, as a retrying exporter would.
    await new Promise<void>((resolve) => exporter.export([span as unknown as ReadableSpan], () => resolve()));
    const { body } = await request(live, live.keyA, 'GET', `/api/traces/${traceId}`);
    expect((body as TraceDetailBody).trace.spanCount).toBe(1);
    await provider.shutdown();
  });
});
