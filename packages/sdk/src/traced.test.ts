import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { init, type SextantHandle } from './init.js';
import { setLlmUsage, setRetrievedDocuments, setToolCall } from './span-data.js';
import type { DecodedSpan } from './test-support/decode-otlp-traces.js';
import { type OtlpReceiver, startOtlpReceiver } from './test-support/loopback-server.js';
import { withTraceAttributes } from './trace-attributes.js';
import { traced } from './traced.js';
import { withSpan } from './with-span.js';

let receiver: OtlpReceiver;
let sextant: SextantHandle;

beforeEach(async () => {
  receiver = await startOtlpReceiver();
  sextant = init({
    endpoint: receiver.url,
    apiKey: 'sk-test-123',
    serviceName: 'support-bot',
    exportTimeoutMs: 2000,
  });
});

afterEach(async () => {
  await sextant.shutdown();
  await receiver.close();
});

async function exportedSpans(): Promise<DecodedSpan[]> {
  await sextant.flush();
  return receiver.spans();
}

function byName(spans: DecodedSpan[], name: string): DecodedSpan {
  const span = spans.find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no span '${name}' among ${spans.map((s) => s.name).join(', ')}`);
  return span;
}

describe('traced and withSpan over OTLP/protobuf to a loopback receiver', () => {
  it('builds the span tree of a RAG chain with kinds, inputs, outputs, documents, usage and tool calls', async () => {
    const retrieve = traced('retrieve', { kind: 'retrieval' }, async (_query: string) => [
      { id: 'kb-1', content: 'Refunds take 5 business days.', score: 0.91, metadata: { source: 'faq.md' } },
      { id: 'kb-2', content: 'Refunds go to the original card.', score: 0.77 },
    ]);
    const lookupOrder = traced('lookup_order', { kind: 'tool' }, (orderId: string) => ({
      orderId,
      status: 'shipped',
    }));
    const answer = traced(
      'answer',
      {
        kind: 'chain',
        sessionId: 'chat-42',
        userId: 'user-7',
        tags: ['beta'],
        promptName: 'support',
        promptVersion: 3,
        releaseId: 'rel-9',
      },
      async (question: string) => {
        const documents = await retrieve(question);
        const order = lookupOrder('A-1001');
        return withSpan(
          'generate',
          { kind: 'llm', input: { question, documents: documents.length } },
          async (span) => {
            setLlmUsage(span, {
              model: 'gpt-4o-mini',
              provider: 'openai',
              inputTokens: 42,
              outputTokens: 17,
              cacheReadTokens: 8,
            });
            return `Your order ${order.orderId} is ${order.status}; refunds take 5 days.`;
          },
        );
      },
    );

    const result = await answer('When do I get my refund?');
    expect(result).toBe('Your order A-1001 is shipped; refunds take 5 days.');

    const spans = await exportedSpans();
    expect(spans.map((span) => span.name).sort()).toEqual(['answer', 'generate', 'lookup_order', 'retrieve']);
    const root = byName(spans, 'answer');
    const retrieval = byName(spans, 'retrieve');
    const tool = byName(spans, 'lookup_order');
    const llm = byName(spans, 'generate');
    expect(root.parentSpanId).toBe('');
    for (const child of [retrieval, tool, llm]) {
      expect(child.parentSpanId).toBe(root.spanId);
      expect(child.traceId).toBe(root.traceId);
    }
    expect(root.attributes).toMatchObject({
      'sextant.span.kind': 'chain',
      'sextant.input': '"When do I get my refund?"',
      'sextant.output': '"Your order A-1001 is shipped; refunds take 5 days."',
      'sextant.session.id': 'chat-42',
      'sextant.user.id': 'user-7',
      'sextant.tags': ['beta'],
      'sextant.prompt.name': 'support',
      'sextant.prompt.version': '3',
      'sextant.release.id': 'rel-9',
    });
    // Trace attributes given on the root reach every step below it.
    for (const child of [retrieval, tool, llm]) {
      expect(child.attributes).toMatchObject({
        'sextant.session.id': 'chat-42',
        'sextant.release.id': 'rel-9',
      });
    }
    expect(retrieval.attributes).toMatchObject({
      'sextant.span.kind': 'retrieval',
      'retrieval.documents.0.document.id': 'kb-1',
      'retrieval.documents.0.document.content': 'Refunds take 5 business days.',
      'retrieval.documents.0.document.score': 0.91,
      'retrieval.documents.0.document.metadata': '{"source":"faq.md"}',
      'retrieval.documents.1.document.id': 'kb-2',
      'retrieval.documents.1.document.score': 0.77,
    });
    expect(tool.attributes).toMatchObject({
      'sextant.span.kind': 'tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.arguments': '"A-1001"',
      'gen_ai.tool.call.result': '{"orderId":"A-1001","status":"shipped"}',
    });
    expect(llm.attributes).toMatchObject({
      'sextant.span.kind': 'llm',
      'sextant.input': '{"question":"When do I get my refund?","documents":2}',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 42,
      'gen_ai.usage.output_tokens': 17,
      'gen_ai.usage.cache_read.input_tokens': 8,
    });
    expect(root.scopeName).toBe('@sextant/sdk');
    expect(root.resource).toMatchObject({
      'service.name': 'support-bot',
      'telemetry.distro.name': '@sextant/sdk',
    });
  });

  it('posts protobuf to <endpoint>/v1/traces with the API key as a bearer token', async () => {
    traced('ping', () => 'pong')();
    await exportedSpans();
    const request = receiver.requests[0];
    expect(request).toMatchObject({ method: 'POST', path: '/v1/traces' });
    expect(request?.headers['content-type']).toBe('application/x-protobuf');
    expect(request?.headers.authorization).toBe('Bearer sk-test-123');
  });

  it('keeps a sync function sync, passes `this` through and records several arguments as an array', async () => {
    const calculator = {
      offset: 10,
      add: traced('add', function (this: { offset: number }, a: number, b: number) {
        return a + b + this.offset;
      }),
    };
    const result = calculator.add(1, 2);
    expect(result).toBe(13); // a number, not a promise
    const span = byName(await exportedSpans(), 'add');
    expect(span.attributes['sextant.input']).toBe('[1,2]');
    expect(span.attributes['sextant.output']).toBe('13');
  });

  it('returns a lazy thenable untouched, so a query builder still runs exactly once', async () => {
    let runs = 0;
    // biome-ignore lint/suspicious/noThenProperty: a lazy thenable, like a query builder, is the subject here
    const lazyQuery = { then: (resolve: (rows: string[]) => void) => resolve([`run ${++runs}`]) };
    const buildQuery = traced('build_query', () => lazyQuery);

    const query = buildQuery();
    expect(query).toBe(lazyQuery);
    expect(runs).toBe(0);
    expect(await query).toEqual(['run 1']);
    const span = byName(await exportedSpans(), 'build_query');
    expect(span.attributes).not.toHaveProperty('sextant.output');
  });

  it('lets callers redact input and output, or skip them', async () => {
    const login = traced(
      'login',
      { captureInput: (user: string, _password: string) => ({ user }), captureOutput: false },
      (user: string, password: string) => `${user}:${password.length}`,
    );
    login('ada', 'hunter2');
    const span = byName(await exportedSpans(), 'login');
    expect(span.attributes['sextant.input']).toBe('{"user":"ada"}');
    expect(span.attributes).not.toHaveProperty('sextant.output');
    expect(JSON.stringify(span.attributes)).not.toContain('hunter2');
  });

  it('rethrows the original error unchanged and marks the span as failed', async () => {
    class RateLimitError extends Error {
      readonly status = 429;
    }
    const original = new RateLimitError('rate limited, retry in 20s');
    const callModel = traced('call_model', { kind: 'llm' }, async (_prompt: string) => {
      throw original;
    });
    const validate = traced('validate', { kind: 'guardrail' }, (_text: string) => {
      throw 'blocked: contains an API key'; // a non-Error throw
    });

    await expect(callModel('hi')).rejects.toBe(original);
    expect(() => validate('sk-123')).toThrow('blocked: contains an API key');

    const spans = await exportedSpans();
    const failedCall = byName(spans, 'call_model');
    expect(failedCall.statusCode).toBe(2);
    expect(failedCall.statusMessage).toBe('rate limited, retry in 20s');
    expect(failedCall.events).toEqual([
      expect.objectContaining({
        name: 'exception',
        attributes: expect.objectContaining({
          'exception.type': 'Error',
          'exception.message': 'rate limited, retry in 20s',
        }),
      }),
    ]);
    expect(String(failedCall.events[0]?.attributes['exception.stacktrace'])).toContain('traced.test.ts');
    const failedGuard = byName(spans, 'validate');
    expect(failedGuard.statusCode).toBe(2);
    expect(failedGuard.statusMessage).toBe('blocked: contains an API key');
  });

  it('traces an agent loop as one span per iteration, each with its model and tool calls', async () => {
    const plan = traced('plan', { kind: 'llm' }, async (step: number) =>
      step < 2 ? { tool: 'search', query: `q${step}` } : null,
    );
    const search = traced('search', { kind: 'tool' }, async (query: string) => `results for ${query}`);
    const agent = traced('agent', { kind: 'agent' }, async (goal: string) => {
      const notes: string[] = [goal];
      for (let step = 0; step < 5; step++) {
        const done = await withSpan(`iteration ${step}`, { kind: 'chain' }, async () => {
          const action = await plan(step);
          if (!action) return true;
          notes.push(await search(action.query));
          return false;
        });
        if (done) break;
      }
      return notes;
    });

    expect(await agent('find refund policy')).toEqual([
      'find refund policy',
      'results for q0',
      'results for q1',
    ]);

    const spans = await exportedSpans();
    const root = byName(spans, 'agent');
    const iterations = spans.filter((span) => span.parentSpanId === root.spanId);
    expect(iterations.map((span) => span.name).sort()).toEqual(['iteration 0', 'iteration 1', 'iteration 2']);
    for (const iteration of iterations) {
      const children = spans
        .filter((span) => span.parentSpanId === iteration.spanId)
        .map((span) => span.name);
      expect(children.sort()).toEqual(iteration.name === 'iteration 2' ? ['plan'] : ['plan', 'search']);
    }
    expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
    expect(spans).toHaveLength(1 + 3 + 3 + 2);
  });

  it('keeps concurrent calls in their own traces', async () => {
    const step = traced('step', async (label: string) => {
      await new Promise((resolve) => setTimeout(resolve, label === 'a' ? 20 : 5));
      return label;
    });
    const run = traced('run', async (label: string) => step(label));
    await Promise.all([run('a'), run('b')]);

    const spans = await exportedSpans();
    for (const label of ['a', 'b']) {
      const parent = spans.find(
        (span) => span.name === 'run' && span.attributes['sextant.input'] === `"${label}"`,
      );
      const child = spans.find(
        (span) => span.name === 'step' && span.attributes['sextant.input'] === `"${label}"`,
      );
      expect(child?.parentSpanId).toBe(parent?.spanId);
    }
  });

  it('stamps trace attributes on spans that other OTel instrumentation starts inside withTraceAttributes', async () => {
    await withTraceAttributes({ sessionId: 'chat-1', tags: ['outer'] }, () =>
      withTraceAttributes({ userId: 'user-2', tags: ['inner'] }, () =>
        trace.getTracer('some-library').startActiveSpan('library-call', (span) => span.end()),
      ),
    );
    const span = byName(await exportedSpans(), 'library-call');
    expect(span.scopeName).toBe('some-library');
    expect(span.attributes).toMatchObject({
      'sextant.session.id': 'chat-1',
      'sextant.user.id': 'user-2',
      'sextant.tags': ['outer', 'inner'],
    });
  });

  it('records helpers set on the active span and never throws on values JSON cannot hold', async () => {
    const circular: Record<string, unknown> = { name: 'loop', big: 2n ** 70n };
    circular.self = circular;
    const tool = traced('weather', { kind: 'tool' }, (city: string) => {
      const span = trace.getActiveSpan();
      setToolCall(span, {
        name: 'get_weather',
        id: 'call_1',
        arguments: '{"city":"Oslo"}',
        result: { celsius: 4 },
      });
      setRetrievedDocuments(undefined, [{ content: 'ignored' }]);
      return { city, circular };
    });
    expect(tool('Oslo').city).toBe('Oslo');
    const span = byName(await exportedSpans(), 'weather');
    expect(span.attributes).toMatchObject({
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.id': 'call_1',
      'sextant.output':
        '{"city":"Oslo","circular":{"name":"loop","big":"1180591620717411303424","self":"[Circular]"}}',
    });
  });

  it('cuts long inputs at maxAttributeLength', async () => {
    await sextant.shutdown();
    sextant = init({ endpoint: receiver.url, maxAttributeLength: 100 });
    traced('long', (text: string) => text.length)('x'.repeat(10_000));
    const input = String(byName(await exportedSpans(), 'long').attributes['sextant.input']);
    expect(input).toHaveLength(100);
    expect(input.endsWith('…[truncated]')).toBe(true);
  });
});
