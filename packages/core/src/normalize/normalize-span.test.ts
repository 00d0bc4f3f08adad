import { describe, expect, it } from 'vitest';
import { canonicalSpanSchema } from '../span/canonical-span.js';
import { loadOtlpSpans, otlpSpan } from './__fixtures__/load-fixture.js';
import { normalizeSpan } from './normalize-span.js';

const FIXTURES = [
  'otel-js-gen-ai.json',
  'openinference.json',
  'openllmetry.json',
  'openllmetry-legacy.json',
  'vercel-ai.json',
];

describe('normalizeSpan', () => {
  it('turns every recorded span into a valid canonical span that keeps all its attributes', () => {
    for (const fixture of FIXTURES) {
      for (const source of loadOtlpSpans(fixture)) {
        const span = normalizeSpan(source);
        expect(canonicalSpanSchema.safeParse(span).success, `${fixture}: ${source.name}`).toBe(true);
        expect(span.rawAttributes).toBe(source.attributes);
        expect(span.resourceAttributes).toBe(source.resource);
        expect(Object.keys(span).sort()).toEqual(Object.keys(canonicalSpanSchema.shape).sort());
      }
    }
  });

  it('leaves a span of no GenAI convention as an empty "other" span', () => {
    const span = normalizeSpan(
      otlpSpan(
        { 'http.request.method': 'GET', 'url.full': 'https://example.com' },
        { name: 'GET /', parentSpanId: '1122334455667788' },
      ),
    );
    expect(span).toMatchObject({
      kind: 'other',
      name: 'GET /',
      parentSpanId: '1122334455667788',
      startTimeUs: 1767225600000000,
      endTimeUs: 1767225601000000,
      status: 'unset',
      error: null,
      model: null,
      inputTokens: null,
      input: null,
      tags: [],
      serviceName: 'test-service',
    });
    expect(span.rawAttributes).toEqual({ 'http.request.method': 'GET', 'url.full': 'https://example.com' });
  });

  it("lets Sextant's own attributes win and fills the gaps from other conventions", () => {
    const span = normalizeSpan(
      otlpSpan({
        'sextant.span.kind': 'agent',
        'sextant.prompt.name': 'greet',
        'sextant.prompt.version': 4,
        'sextant.release.id': 'rel_42',
        'sextant.session.id': 'sextant-session',
        'sextant.user.id': 'sextant-user',
        'sextant.tags': ['canary'],
        'sextant.input': '[{"role":"user","content":"Hello"}]',
        'sextant.output': 'Hi there',
        'gen_ai.operation.name': 'chat',
        'gen_ai.conversation.id': 'otel-conversation',
        'gen_ai.request.model': 'gpt-4.1',
        'gen_ai.usage.input_tokens': 10,
        'tag.tags': '["beta","canary"]',
        'openinference.span.kind': 'CHAIN',
      }),
    );
    expect(span).toMatchObject({
      kind: 'agent',
      promptName: 'greet',
      promptVersion: '4',
      releaseId: 'rel_42',
      sessionId: 'sextant-session',
      userId: 'sextant-user',
      tags: ['canary', 'beta'],
      input: { type: 'messages', messages: [{ role: 'user', content: 'Hello' }] },
      output: { type: 'text', text: 'Hi there' },
      model: 'gpt-4.1',
      inputTokens: 10,
    });
  });

  it('maps status codes and takes the error from the status when no exception was recorded', () => {
    const ok = normalizeSpan(otlpSpan({}, { statusCode: 1 }));
    expect([ok.status, ok.error]).toEqual(['ok', null]);
    const failed = normalizeSpan(
      otlpSpan({ 'error.type': 'timeout' }, { statusCode: 2, statusMessage: 'upstream timed out' }),
    );
    expect(failed.status).toBe('error');
    expect(failed.statusMessage).toBe('upstream timed out');
    expect(failed.error).toEqual({ type: 'timeout', message: 'upstream timed out' });
    expect(normalizeSpan(otlpSpan({}, { statusCode: 2 })).error).toEqual({ message: 'error' });
  });

  it('takes the last exception event as the error', () => {
    const span = normalizeSpan(
      otlpSpan(
        {},
        {
          statusCode: 2,
          events: [
            {
              name: 'exception',
              timeUs: 1,
              attributes: { 'exception.type': 'First', 'exception.message': 'retried' },
            },
            { name: 'log', timeUs: 2, attributes: {} },
            {
              name: 'exception',
              timeUs: 3,
              attributes: {
                'exception.type': 'TypeError',
                'exception.message': 'x is undefined',
                'exception.stacktrace': 'TypeError: x\n  at f',
              },
            },
          ],
        },
      ),
    );
    expect(span.error).toEqual({
      type: 'TypeError',
      message: 'x is undefined',
      stack: 'TypeError: x\n  at f',
    });
  });

  it('reads the general session.id and user.id attributes', () => {
    const span = normalizeSpan(otlpSpan({ 'session.id': 'general-session', 'user.id': 42 }));
    expect([span.sessionId, span.userId]).toEqual(['general-session', '42']);
  });

  it('survives attribute values of unexpected types', () => {
    const attributes: Record<string, unknown> = {
      'openinference.span.kind': 'constructor',
      'gen_ai.operation.name': 'toString',
      'traceloop.span.kind': '__proto__',
      'gen_ai.input.messages': '[{"role":',
      'gen_ai.output.messages': [{ role: 7 }],
      'gen_ai.usage.input_tokens': 'many',
      'gen_ai.usage.output_tokens': '12',
      'llm.input_messages.0.message.role': ['user'],
      'tag.tags': '[1, "ok", null]',
      'ai.operationId': 42,
      'gen_ai.system_instructions': [{ type: 'text', content: 5 }],
      'traceloop.entity.output': '{"args": 1}',
      'sextant.span.kind': 'robot',
    };
    const span = normalizeSpan(otlpSpan(attributes));
    expect(canonicalSpanSchema.safeParse(span).success).toBe(true);
    expect(span.kind).toBe('other');
    expect(span.inputTokens).toBeNull();
    expect(span.outputTokens).toBe(12);
    expect(span.input).toEqual({ type: 'text', text: '[{"role":' });
    expect(span.output).toEqual({ type: 'json', value: { args: 1 } });
    expect(span.tags).toEqual(['ok']);
  });
});
