import { describe, expect, it } from 'vitest';
import { loadCanonicalSpans, otlpSpan, spanNamed, spansNamed } from './__fixtures__/load-fixture.js';
import { normalizeSpan } from './normalize-span.js';

// Recorded with the OTel JS SDK and its OTLP/HTTP JSON exporter (see __fixtures__/record/record-otel-js.mjs).
const spans = loadCanonicalSpans('otel-js-gen-ai.json');

describe('OTel GenAI conventions (recorded from the OTel JS exporter)', () => {
  it('reads a chat call: response model, provider, all token counters, system + user input, tool call output', () => {
    const [first] = spansNamed(spans, 'chat gpt-4o-mini');
    expect(first).toMatchObject({
      kind: 'llm',
      operation: 'chat',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 1310,
      outputTokens: 17,
      cacheReadTokens: 1152,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      serviceName: 'weather-agent',
    });
    expect(first!.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'You are a concise weather assistant.' },
        { role: 'user', content: 'What is the weather in Paris?' },
      ],
    });
    expect(first!.output).toEqual({
      type: 'messages',
      messages: [
        {
          role: 'assistant',
          content: null,
          toolCalls: [
            { id: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p', name: 'get_weather', arguments: '{"city":"Paris"}' },
          ],
        },
      ],
    });
  });

  it('carries the tool result back into the next call as a tool message', () => {
    const second = spansNamed(spans, 'chat gpt-4o-mini')[1]!;
    const messages = second.input?.type === 'messages' ? second.input.messages : [];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(messages[3]).toEqual({
      role: 'tool',
      content: '18°C, sunny',
      toolCallId: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
    });
    expect(second.output).toEqual({
      type: 'messages',
      messages: [{ role: 'assistant', content: 'It is 18°C and sunny in Paris right now.' }],
    });
  });

  it('reads tool executions, embeddings and agents', () => {
    expect(spanNamed(spans, 'execute_tool get_weather')).toMatchObject({
      kind: 'tool',
      toolName: 'get_weather',
      toolCallId: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
      toolArgs: '{"city":"Paris"}',
      toolResult: '18°C, sunny',
    });
    expect(spanNamed(spans, 'embeddings text-embedding-3-small')).toMatchObject({
      kind: 'embedding',
      model: 'text-embedding-3-small',
      inputTokens: 8,
      outputTokens: null,
    });
    const agent = spanNamed(spans, 'invoke_agent weather-agent');
    expect(agent).toMatchObject({
      kind: 'agent',
      agentName: 'weather-agent',
      sessionId: 'conv_5f0e2c8a',
      userId: 'user-1729',
      parentSpanId: null,
      status: 'ok',
    });
  });

  it('reads the deprecated attributes an older instrumentation sent', () => {
    expect(spanNamed(spans, 'openai.chat')).toMatchObject({
      kind: 'llm',
      provider: 'openai',
      model: 'gpt-3.5-turbo-0125',
      inputTokens: 21,
      outputTokens: 9,
      input: { type: 'messages', messages: [{ role: 'user', content: 'Say hello in French.' }] },
      output: { type: 'messages', messages: [{ role: 'assistant', content: 'Bonjour !' }] },
    });
  });

  it('turns a recorded exception into the span error', () => {
    const failed = spanNamed(spans, 'chat gpt-4o');
    expect(failed.status).toBe('error');
    expect(failed.error?.type).toBe('RateLimitError');
    expect(failed.error?.message).toContain('Rate limit reached for gpt-4o');
    expect(failed.error?.stack).toContain('RateLimitError: Rate limit reached');
  });

  it('accepts structured (kvlist) messages and plain-text system instructions', () => {
    const span = normalizeSpan(
      otlpSpan({
        'gen_ai.operation.name': 'text_completion',
        'gen_ai.system_instructions': 'Answer in French.',
        'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
        'gen_ai.output.messages': [
          {
            role: 'assistant',
            parts: [
              { type: 'reasoning', content: '…' },
              { type: 'text', content: 'Salut' },
            ],
          },
        ],
        'gen_ai.tool.call.arguments': { city: 'Paris' },
      }),
    );
    expect(span.kind).toBe('llm');
    expect(span.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(span.output).toEqual({ type: 'messages', messages: [{ role: 'assistant', content: 'Salut' }] });
    expect(span.toolArgs).toBe('{"city":"Paris"}');
  });

  it('reads retrieval documents and the query', () => {
    const span = normalizeSpan(
      otlpSpan({
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.retrieval.query.text': 'refund policy',
        'gen_ai.retrieval.documents':
          '[{"id":"doc_123","score":0.95},{"id":"doc_456","score":0.87,"content":"Refunds..."}]',
      }),
    );
    expect(span.kind).toBe('retrieval');
    expect(span.input).toEqual({ type: 'text', text: 'refund policy' });
    expect(span.documents).toEqual([
      { id: 'doc_123', score: 0.95, content: '' },
      { id: 'doc_456', score: 0.87, content: 'Refunds...' },
    ]);
  });

  it('builds messages from deprecated content events when no attribute holds them', () => {
    const span = normalizeSpan(
      otlpSpan(
        { 'gen_ai.system': 'Anthropic', 'gen_ai.request.model': 'claude-sonnet-4-5' },
        {
          events: [
            { name: 'gen_ai.system.message', timeUs: 1, attributes: { content: 'Be brief.' } },
            { name: 'gen_ai.user.message', timeUs: 2, attributes: { content: 'Weather?' } },
            { name: 'gen_ai.tool.message', timeUs: 3, attributes: { content: 'sunny', id: 'call_1' } },
            {
              name: 'gen_ai.choice',
              timeUs: 4,
              attributes: {
                index: 0,
                finish_reason: 'stop',
                message: '{"content":"Sunny.","role":"assistant"}',
              },
            },
          ],
        },
      ),
    );
    expect(span).toMatchObject({ kind: 'llm', provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(span.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        { role: 'tool', content: 'sunny', toolCallId: 'call_1' },
      ],
    });
    expect(span.output).toEqual({ type: 'messages', messages: [{ role: 'assistant', content: 'Sunny.' }] });
  });
});
