import { describe, expect, it } from 'vitest';
import { loadCanonicalSpans, otlpSpan, spanNamed, spansNamed } from './__fixtures__/load-fixture.js';
import { normalizeSpan } from './normalize-span.js';

// Recorded from ai@6.0.325 with @ai-sdk/openai@3.0.141 and experimental_telemetry: a two-step
// generateText with a tool, a streamText and an embed (__fixtures__/record/record-vercel-ai.mjs).
const spans = loadCanonicalSpans('vercel-ai.json');

describe('Vercel AI SDK conventions (recorded)', () => {
  it('makes each provider call an llm span with its own tokens', () => {
    const [first, second] = spansNamed(spans, 'ai.generateText.doGenerate');
    expect(first).toMatchObject({
      kind: 'llm',
      operation: 'ai.generateText.doGenerate',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 1310,
      outputTokens: 17,
      cacheReadTokens: 1152,
      reasoningTokens: 0,
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
    const history = second!.input?.type === 'messages' ? second!.input.messages : [];
    expect(history.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(history[3]).toEqual({
      role: 'tool',
      content: '{"city":"Paris","temperatureC":18,"conditions":"sunny"}',
      toolCallId: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
    });
    expect(second!.output).toEqual({
      type: 'messages',
      messages: [{ role: 'assistant', content: 'It is 18°C and sunny in Paris right now.' }],
    });
  });

  it('makes the outer generateText a chain without tokens, so a trace counts each call once', () => {
    const outer = spanNamed(spans, 'ai.generateText');
    expect(outer).toMatchObject({
      kind: 'chain',
      model: 'gpt-4o-mini',
      provider: 'openai',
      inputTokens: null,
      outputTokens: null,
    });
    expect(outer.rawAttributes['ai.usage.inputTokens']).toBe(2655); // still there for anyone who wants it
    expect(outer.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'You are a concise weather assistant.' },
        { role: 'user', content: 'What is the weather in Paris?' },
      ],
    });
    expect(outer.output).toEqual({ type: 'text', text: 'It is 18°C and sunny in Paris right now.' });
    const traceId = outer.traceId;
    const inputTokens = spans
      .filter((span) => span.traceId === traceId)
      .reduce((sum, span) => sum + (span.inputTokens ?? 0), 0);
    expect(inputTokens).toBe(1310 + 1345);
  });

  it('reads tool calls and streamed calls', () => {
    expect(spanNamed(spans, 'ai.toolCall')).toMatchObject({
      kind: 'tool',
      toolName: 'get_weather',
      toolCallId: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
      toolArgs: '{"city":"Paris"}',
      toolResult: '{"city":"Paris","temperatureC":18,"conditions":"sunny"}',
    });
    const stream = spanNamed(spans, 'ai.streamText.doStream');
    expect(stream).toMatchObject({ kind: 'llm', inputTokens: 1345, outputTokens: 14 });
    expect(stream.input).toEqual({ type: 'messages', messages: [{ role: 'user', content: 'And in Lyon?' }] });
    expect(spanNamed(spans, 'ai.streamText')).toMatchObject({ kind: 'chain', inputTokens: null });
  });

  it('reads embeddings', () => {
    expect(spanNamed(spans, 'ai.embed.doEmbed')).toMatchObject({
      kind: 'embedding',
      model: 'text-embedding-3-small',
      inputTokens: 8,
      input: { type: 'text', text: 'What is the weather in Paris?' },
    });
    expect(spanNamed(spans, 'ai.embed')).toMatchObject({ kind: 'chain', inputTokens: null });
  });

  it('takes session, user and tags from telemetry metadata on every span', () => {
    for (const span of spans) {
      expect(span).toMatchObject({
        sessionId: 'sess-ai-9',
        userId: 'user-1729',
        tags: ['beta', 'travel'],
        serviceName: 'travel-app',
      });
    }
  });

  it('reads ai@4 token names and generateObject results', () => {
    const span = normalizeSpan(
      otlpSpan({
        'ai.operationId': 'ai.generateObject.doGenerate',
        'ai.model.provider': 'anthropic.messages',
        'ai.model.id': 'claude-haiku-4-5',
        'ai.usage.promptTokens': 40,
        'ai.usage.completionTokens': 12,
        'ai.response.object': '{"city":"Paris","temperatureC":18}',
        'ai.prompt': '{"prompt":"Weather as JSON"}',
        'ai.telemetry.metadata.session_id': 'snake-session',
      }),
    );
    expect(span).toMatchObject({
      kind: 'llm',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      inputTokens: 40,
      outputTokens: 12,
      sessionId: 'snake-session',
      input: { type: 'messages', messages: [{ role: 'user', content: 'Weather as JSON' }] },
      output: { type: 'json', value: { city: 'Paris', temperatureC: 18 } },
    });
  });
});
