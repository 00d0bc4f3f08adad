import { describe, expect, it } from 'vitest';
import { loadCanonicalSpans, otlpSpan, spanNamed, spansNamed } from './__fixtures__/load-fixture.js';
import { normalizeSpan } from './normalize-span.js';

// Recorded with @arizeai/openinference-instrumentation-openai around the official openai client, plus
// openinference-core's agent / retriever / tool wrappers (see __fixtures__/record/record-openinference.mjs).
const spans = loadCanonicalSpans('openinference.json');

describe('OpenInference conventions (recorded)', () => {
  it('reads an LLM call: model, provider, tokens with cache reads, messages by role, tool calls', () => {
    const [first, second] = spansNamed(spans, 'OpenAI Chat Completions');
    expect(first).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 1310,
      outputTokens: 17,
      cacheReadTokens: 1152,
      reasoningTokens: 0,
    });
    expect(first!.input?.type === 'messages' && first!.input.messages.map((message) => message.role)).toEqual(
      ['system', 'user'],
    );
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
      content: '18°C, sunny',
      toolCallId: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
    });
    expect(second!.output).toEqual({
      type: 'messages',
      messages: [{ role: 'assistant', content: 'It is 18°C and sunny in Paris right now.' }],
    });
  });

  it('reads retrieved documents with ids, scores and metadata', () => {
    const retriever = spanNamed(spans, 'retrieve-kb');
    expect(retriever.kind).toBe('retrieval');
    expect(retriever.input).toEqual({ type: 'text', text: 'What is the weather in Paris?' });
    expect(retriever.documents).toEqual([
      {
        id: 'kb-112',
        content: 'Refunds are issued within 5 business days.',
        score: 0.91,
        metadata: { source: 'faq.md' },
      },
      {
        id: 'kb-087',
        content: 'Orders ship from Lyon and Paris.',
        score: 0.74,
        metadata: { source: 'shipping.md' },
      },
    ]);
  });

  it('reads a tool span: name, JSON arguments, result', () => {
    const tool = spanNamed(spans, 'get_weather');
    expect(tool).toMatchObject({
      kind: 'tool',
      toolName: 'get_weather',
      toolArgs: '{"city":"Paris"}',
      toolResult: '18°C, sunny',
    });
    expect(tool.input).toEqual({ type: 'json', value: { city: 'Paris' } });
  });

  it('reads the agent and the session, user and tags propagated to every span', () => {
    const agent = spanNamed(spans, 'support-agent');
    expect(agent).toMatchObject({
      kind: 'agent',
      agentName: 'support-agent',
      parentSpanId: null,
      status: 'ok',
    });
    expect(agent.output).toEqual({ type: 'text', text: 'It is 18°C and sunny in Paris right now.' });
    for (const span of spans) {
      expect(span).toMatchObject({
        sessionId: 'sess-7f3a',
        userId: 'user-1729',
        tags: ['beta', 'rag'],
        serviceName: 'support-rag',
      });
    }
  });

  it('maps every OpenInference span kind', () => {
    const kinds = [
      'LLM',
      'EMBEDDING',
      'RETRIEVER',
      'RERANKER',
      'TOOL',
      'AGENT',
      'CHAIN',
      'GUARDRAIL',
      'EVALUATOR',
      'UNKNOWN',
    ];
    const mapped = kinds.map((kind) => normalizeSpan(otlpSpan({ 'openinference.span.kind': kind })).kind);
    expect(mapped).toEqual([
      'llm',
      'embedding',
      'retrieval',
      'retrieval',
      'tool',
      'agent',
      'chain',
      'guardrail',
      'other',
      'other',
    ]);
  });

  it('reads multi-part contents, embeddings, reranked documents and JSON input values', () => {
    const llm = normalizeSpan(
      otlpSpan({
        'openinference.span.kind': 'LLM',
        'llm.provider': 'Anthropic',
        'llm.input_messages.0.message.role': 'user',
        'llm.input_messages.0.message.contents.0.message_content.type': 'text',
        'llm.input_messages.0.message.contents.0.message_content.text': 'Describe',
        'llm.input_messages.0.message.contents.1.message_content.text': 'this image',
        'llm.token_count.prompt_details.cache_write': 300,
      }),
    );
    expect(llm.provider).toBe('anthropic');
    expect(llm.cacheWriteTokens).toBe(300);
    expect(llm.input).toEqual({
      type: 'messages',
      messages: [{ role: 'user', content: 'Describe\nthis image' }],
    });

    const embedding = normalizeSpan(
      otlpSpan({ 'openinference.span.kind': 'EMBEDDING', 'embedding.model_name': 'bge-small' }),
    );
    expect(embedding).toMatchObject({ kind: 'embedding', model: 'bge-small' });

    const reranker = normalizeSpan(
      otlpSpan({
        'openinference.span.kind': 'RERANKER',
        'reranker.output_documents.0.document.content': 'best',
        'reranker.output_documents.0.document.score': 0.99,
      }),
    );
    expect(reranker.documents).toEqual([{ content: 'best', score: 0.99 }]);

    const chain = normalizeSpan(
      otlpSpan({
        'openinference.span.kind': 'CHAIN',
        'input.value': '{"question":"why?"}',
        'input.mime_type': 'application/json',
        'output.value': '{not json',
        'output.mime_type': 'application/json',
      }),
    );
    expect(chain.input).toEqual({ type: 'json', value: { question: 'why?' } });
    expect(chain.output).toEqual({ type: 'text', text: '{not json' });
  });
});
