import { describe, expect, it } from 'vitest';
import { type CanonicalSpan, emptySpan } from '../span/canonical-span.js';
import { redactionsAttribute, redactSpan } from './redact-span.js';
import { redactionConfigSchema } from './redaction-config.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const sextantKey = 'sk-sx-7Hq2LmZ9vXc4Rt8Kp1Nw6Bs3Dy5Fj0Ge2Ua4Io6Pe8';

/** An agent's LLM span as the OTLP normaliser produces it, with personal data in every field that can carry it. */
function spanWithPersonalData(): CanonicalSpan {
  const span = emptySpan({
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    name: 'lookup ann@example.com',
    startTimeUs: 1_718_000_000_000_000,
    endTimeUs: 1_718_000_001_250_000,
  });
  return {
    ...span,
    kind: 'llm',
    model: 'gpt-4o-mini',
    status: 'error',
    statusMessage: 'card 4111 1111 1111 1111 declined',
    error: {
      type: 'PaymentError',
      message: 'declined for DE89 3704 0044 0532 0130 00',
      stack: 'PaymentError: declined\n    at charge (pay.js:10:5) // ann@example.com',
    },
    input: {
      type: 'messages',
      messages: [
        { role: 'system', content: 'You are a billing assistant.' },
        { role: 'user', content: 'I am Ann, call me on +44 20 7946 0958 or mail ann@example.com.' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [
            {
              id: 'call_1',
              name: 'find_customer',
              arguments: '{"email":"ann@example.com","phone":"(415) 555-0123"}',
            },
          ],
        },
        {
          role: 'tool',
          content: '{"customer_id": 48213, "iban": "GB82WEST12345698765432"}',
          toolCallId: 'call_1',
        },
      ],
    },
    output: {
      type: 'text',
      text: 'Refunded to card ending 1111. Your key sk-ant-api03-Qw8eR7tY6uI5oP4aS3dF2gH1jK0l stays active.',
    },
    documents: [
      {
        id: 'doc-1',
        content: 'Ticket from bob@example.org about invoice 2024-117.',
        score: 0.82,
        metadata: { author: 'carol@example.net', pages: 3, tags: ['billing', 'dave@example.com'] },
      },
    ],
    toolName: 'find_customer',
    toolArgs: '{"email":"ann@example.com"}',
    toolResult: '{"name":"Ann Lee","phone":"020 7946 0958"}',
    userId: 'ann@example.com',
    sessionId: 'session-8812',
    tags: ['vip', 'contact:ann@example.com'],
    rawAttributes: {
      'gen_ai.system': 'openai',
      'gen_ai.usage.input_tokens': 412,
      'gen_ai.request.max_tokens': 512,
      'http.request.header.authorization': [`Bearer ${sextantKey}`],
      'db.password': 'hunter2',
      'app.payment': { card: 4111111111111111, holder: { contact: ['ann@example.com', 42, null, true] } },
      'ann@example.com': 'the key is kept; the value is not: 415-555-0123',
    },
    resourceAttributes: { 'service.name': 'billing-bot', 'host.owner': 'ops@example.com' },
  };
}

describe('redactSpan', () => {
  it('redacts every field that carries free text and records what it replaced', () => {
    const input = deepFreeze(spanWithPersonalData());
    const { span, redactions } = redactSpan(input);

    expect(span.name).toBe('lookup [REDACTED:email]');
    expect(span.statusMessage).toBe('card [REDACTED:card] declined');
    expect(span.error).toEqual({
      type: 'PaymentError',
      message: 'declined for [REDACTED:iban]',
      stack: 'PaymentError: declined\n    at charge (pay.js:10:5) // [REDACTED:email]',
    });
    expect(span.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'You are a billing assistant.' },
        { role: 'user', content: 'I am Ann, call me on [REDACTED:phone] or mail [REDACTED:email].' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [
            {
              id: 'call_1',
              name: 'find_customer',
              arguments: '{"email":"[REDACTED:email]","phone":"[REDACTED:phone]"}',
            },
          ],
        },
        { role: 'tool', content: '{"customer_id": 48213, "iban": "[REDACTED:iban]"}', toolCallId: 'call_1' },
      ],
    });
    expect(span.output).toEqual({
      type: 'text',
      text: 'Refunded to card ending 1111. Your key [REDACTED:secret] stays active.',
    });
    expect(span.documents).toEqual([
      {
        id: 'doc-1',
        content: 'Ticket from [REDACTED:email] about invoice 2024-117.',
        score: 0.82,
        metadata: { author: '[REDACTED:email]', pages: 3, tags: ['billing', '[REDACTED:email]'] },
      },
    ]);
    expect(span.toolArgs).toBe('{"email":"[REDACTED:email]"}');
    expect(span.toolResult).toBe('{"name":"Ann Lee","phone":"[REDACTED:phone]"}');
    expect(span.userId).toBe('[REDACTED:email]');
    expect(span.sessionId).toBe('session-8812');
    expect(span.tags).toEqual(['vip', 'contact:[REDACTED:email]']);
    expect(span.rawAttributes).toEqual({
      'gen_ai.system': 'openai',
      'gen_ai.usage.input_tokens': 412,
      'gen_ai.request.max_tokens': 512,
      'http.request.header.authorization': ['[REDACTED:secret]'],
      'db.password': '[REDACTED:secret]',
      'app.payment': { card: '[REDACTED:card]', holder: { contact: ['[REDACTED:email]', 42, null, true] } },
      'ann@example.com': 'the key is kept; the value is not: [REDACTED:phone]',
      [redactionsAttribute]: { email: 12, phone: 4, card: 2, iban: 2, secret: 3 },
    });
    expect(span.resourceAttributes).toEqual({
      'service.name': 'billing-bot',
      'host.owner': '[REDACTED:email]',
    });
    expect(redactions).toEqual({ email: 12, phone: 4, card: 2, iban: 2, secret: 3 });
    // Only the attribute key keeps its address: keys are never rewritten.
    expect(JSON.stringify(span)).not.toMatch(
      /ann@example\.com(?!":)|4111 1111|hunter2|sk-sx-|sk-ant-|GB82|DE89|7946|555-0123/,
    );
  });

  it('never mutates its input and shares the parts it did not change', () => {
    const original = spanWithPersonalData();
    const input = deepFreeze(structuredClone(original));
    const { span } = redactSpan(input);
    expect(input).toEqual(original);
    expect(span).not.toBe(input);
    expect(span.resourceAttributes).not.toBe(input.resourceAttributes);
    const untouched = (span.input?.type === 'messages' && span.input.messages[0]) || null;
    expect(untouched).toBe(input.input?.type === 'messages' ? input.input.messages[0] : undefined);
  });

  it('returns the very same span, and no counts, when nothing matched', () => {
    const span = deepFreeze({
      ...emptySpan({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'chat',
        startTimeUs: 1,
        endTimeUs: 2,
      }),
      input: { type: 'text' as const, text: 'Summarise the 2024 report in 3 bullet points.' },
      rawAttributes: { 'gen_ai.usage.output_tokens': 96, 'gen_ai.response.id': 'chatcmpl-9pQx7sKf3LmN2vB8' },
    });
    expect(redactSpan(span)).toEqual({ span, redactions: {} });
    expect(redactSpan(span).span).toBe(span);
  });

  it('is idempotent: a redacted span comes back unchanged, its recorded counts kept', () => {
    const once = redactSpan(deepFreeze(spanWithPersonalData())).span;
    const twice = redactSpan(once);
    expect(twice.span).toBe(once);
    expect(twice.redactions).toEqual({});
  });

  it('adds to counts an earlier redaction recorded on the span', () => {
    const span = {
      ...emptySpan({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'chat',
        startTimeUs: 1,
        endTimeUs: 2,
      }),
      toolResult: 'mail ann@example.com',
      rawAttributes: { [redactionsAttribute]: { email: 1, employee_id: 2 } },
    };
    expect(redactSpan(span).span.rawAttributes[redactionsAttribute]).toEqual({ email: 2, employee_id: 2 });
  });

  it('redacts a JSON value with credential keys and custom patterns', () => {
    const config = redactionConfigSchema.parse({
      customPatterns: [{ name: 'employee_id', pattern: 'EMP-\\d{6}' }],
    });
    const span = {
      ...emptySpan({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'login',
        startTimeUs: 1,
        endTimeUs: 2,
      }),
      input: {
        type: 'json' as const,
        value: { user: 'EMP-004211', password: 'correct horse', max_tokens: 'none' },
      },
    };
    expect(redactSpan(span, config)).toEqual({
      span: {
        ...span,
        input: {
          type: 'json',
          value: { user: '[REDACTED:employee_id]', password: '[REDACTED:secret]', max_tokens: 'none' },
        },
        rawAttributes: { [redactionsAttribute]: { employee_id: 1, secret: 1 } },
      },
      redactions: { employee_id: 1, secret: 1 },
    });
  });

  it('replaces numbers under credential keys but keeps logprob tokens, which are not credentials', () => {
    const logprobs = [
      { token: 'Hello', logprob: -0.31, top_logprobs: [{ token: '▁understanding', logprob: -2.1 }] },
    ];
    const span = {
      ...emptySpan({
        traceId: 'a'.repeat(32),
        spanId: 'b'.repeat(16),
        name: 'chat',
        startTimeUs: 1,
        endTimeUs: 2,
      }),
      rawAttributes: { 'llm.output.logprobs': logprobs, 'app.login': { session_token: 991244, user: 'ann' } },
    };
    expect(redactSpan(span).span.rawAttributes).toEqual({
      'llm.output.logprobs': logprobs,
      'app.login': { session_token: '[REDACTED:secret]', user: 'ann' },
      [redactionsAttribute]: { secret: 1 },
    });
  });

  it('leaves credential keys alone when the secret detector is off, and everything when disabled', () => {
    const input = deepFreeze(spanWithPersonalData());
    const noSecrets = redactSpan(input, redactionConfigSchema.parse({ detectors: { secret: false } })).span;
    expect(noSecrets.rawAttributes['db.password']).toBe('hunter2');
    expect(noSecrets.userId).toBe('[REDACTED:email]');
    expect(redactSpan(input, redactionConfigSchema.parse({ enabled: false }))).toEqual({
      span: input,
      redactions: {},
    });
  });
});
