import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CanonicalSpan, ModelCard } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../providers/src/test-support/test-model.js';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { fixture, type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';

const openAiKey = 'sk-test-openai-0123456789';
const environment = {
  OPENAI_API_KEY: openAiKey,
  ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
  GOOGLE_GENERATIVE_AI_API_KEY: 'gk-test-0123456789',
};

let directory: string;
let store: Store;
let server: RunningServer;
let upstream: LoopbackUpstream;
let client: OpenAI;
let key: string;
const logged: unknown[] = [];

/** Spans of a trace, once the gateway's writer stored them. */
async function spansOf(traceId: string, count = 1): Promise<CanonicalSpan[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const detail = await store.getTrace('alpha', traceId);
    if (detail && detail.spans.length >= count) return detail.spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no span stored for trace ${traceId}`);
}

const traceparent = (traceId: string, spanId = 'b7ad6b7169203331') => `00-${traceId}-${spanId}-01`;
const hex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gateway-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  key = (await projects.createApiKey('alpha', 'test')).key;
  upstream = await startLoopbackUpstream();
  await seedCatalogIfEmpty(store);
  // The catalog's own cards, pointed at the loopback upstream: prices and credentials stay the catalog's.
  const catalog = new Map((await store.listModels('alpha')).map((card) => [card.id, card]));
  const local = (id: string, baseUrl: string): ModelCard => {
    const card = catalog.get(id)!;
    return { ...card, access: { ...card.access, baseUrl } };
  };
  await store.putModels('alpha', [
    local('openai/gpt-4o-mini', `${upstream.url}/v1`),
    local('openai/text-embedding-3-small', `${upstream.url}/v1`),
    local('anthropic/claude-3-5-haiku-20241022', `${upstream.url}/v1`),
    local('google/gemini-2.5-flash', `${upstream.url}/v1beta`),
  ]);
  server = await startServer({
    store,
    port: 0,
    logError: (error) => logged.push(error),
    gateway: { environment, retryBaseDelayMs: 5 },
  });
  client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await upstream.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('gateway: OpenAI-compatible upstreams, byte for byte', () => {
  it('answers a non-streaming call, rewriting the model id and adding the credential', async () => {
    const traceId = hex(32);
    const before = upstream.requests.length;
    const completion = await client.chat.completions.create(
      { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'How do refunds work?' }] },
      { headers: { traceparent: traceparent(traceId) } },
    );
    expect(completion).toEqual(JSON.parse(fixture('openai-chat-completion.json')));
    const received = upstream.requests[before]!;
    expect(received.body.model).toBe('gpt-4o-mini');
    expect(received.headers.authorization).toBe(`Bearer ${openAiKey}`);

    const [span] = await spansOf(traceId);
    expect(span).toMatchObject({
      kind: 'llm',
      parentSpanId: 'b7ad6b7169203331',
      model: 'gpt-4o-mini',
      provider: 'openai',
      inputTokens: 42,
      outputTokens: 17,
      costEstimated: false,
      status: 'ok',
      serviceName: 'sextant-gateway',
    });
    // gpt-4o-mini in the catalog: $0.15 in, $0.60 out per million tokens.
    expect(span?.cost).toBeCloseTo((42 * 0.15 + 17 * 0.6) / 1e6, 12);
    expect(span?.input).toEqual({
      type: 'messages',
      messages: [{ role: 'user', content: 'How do refunds work?' }],
    });
    expect(span?.rawAttributes['sextant.gateway.time_to_first_token_ms']).toBeGreaterThan(0);
  });

  it('streams, asks the upstream for usage, and hides that usage event from a client that did not ask', async () => {
    const traceId = hex(32);
    const stream = await client.chat.completions.create(
      { model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Refunds?' }] },
      { headers: { traceparent: traceparent(traceId) } },
    );
    let text = '';
    for await (const chunk of stream) {
      expect(chunk.choices.length).toBe(1);
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text).toBe(
      'Refunds are issued to the original payment method within 5 business days of approval.',
    );
    expect(upstream.requests.at(-1)?.body.stream_options).toEqual({ include_usage: true });
    const [span] = await spansOf(traceId);
    expect(span).toMatchObject({ inputTokens: 42, outputTokens: 17, costEstimated: false });
    expect(span?.output).toMatchObject({ messages: [{ role: 'assistant', content: text }] });
    expect(span?.rawAttributes['sextant.gateway.stream']).toBe(true);
  });

  it('passes the usage event through when the client asked for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Refunds?' }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(59);
  });

  it('relays tool calls and records them on the span', async () => {
    upstream.toolCalls = true;
    try {
      const traceId = hex(32);
      const completion = await client.chat.completions.create(
        {
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'Weather in Paris?' }],
          tools: [
            {
              type: 'function',
              function: {
                name: 'get_weather',
                parameters: { type: 'object', properties: { location: { type: 'string' } } },
              },
            },
          ],
        },
        { headers: { traceparent: traceparent(traceId) } },
      );
      expect(completion.choices[0]?.message.tool_calls?.[0]).toMatchObject({
        function: { name: 'get_weather' },
      });
      const [span] = await spansOf(traceId);
      expect(span?.output).toMatchObject({
        messages: [
          { toolCalls: [{ name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' }] },
        ],
      });
    } finally {
      upstream.toolCalls = false;
    }
  });

  it('embeds (the official client asks for base64) and costs the embedding span', async () => {
    const traceId = hex(32);
    const result = await client.embeddings.create(
      { model: 'openai/text-embedding-3-small', input: 'refund policy' },
      { headers: { traceparent: traceparent(traceId) } },
    );
    expect(result.data[0]?.embedding[0]).toBeCloseTo(-0.006929283, 6);
    const [span] = await spansOf(traceId);
    expect(span).toMatchObject({ kind: 'embedding', inputTokens: 5, model: 'text-embedding-3-small' });
    expect(span?.cost).toBeCloseTo((5 * 0.02) / 1e6, 12);
  });
});

describe('gateway: providers translated by the AI SDK', () => {
  it('calls Anthropic, streaming and not, with usage and cost', async () => {
    const traceId = hex(32);
    const completion = await client.chat.completions.create(
      {
        model: 'anthropic/claude-3-5-haiku-20241022',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Refunds?' },
        ],
      },
      { headers: { traceparent: traceparent(traceId) } },
    );
    expect(completion.choices[0]?.message.content).toBe(
      'Refunds go back to your original payment method within 5 business days.',
    );
    expect(completion.usage).toMatchObject({ prompt_tokens: 25, completion_tokens: 16 });
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(environment.ANTHROPIC_API_KEY);
    expect(sent.body.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    const [span] = await spansOf(traceId);
    expect(span).toMatchObject({ provider: 'anthropic', inputTokens: 25, outputTokens: 16 });
    expect(span?.cost).toBeCloseTo((25 * 0.8 + 16 * 4) / 1e6, 12);

    const stream = await client.chat.completions.create({
      model: 'anthropic/claude-3-5-haiku-20241022',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Refunds?' }],
    });
    let text = '';
    let usage = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Refunds go back to your original payment method within 5 business days.');
    expect(usage).toMatchObject({ prompt_tokens: 25, completion_tokens: 16 });
  });

  it('translates Anthropic tool use into OpenAI tool calls', async () => {
    upstream.toolCalls = true;
    try {
      const completion = await client.chat.completions.create({
        model: 'anthropic/claude-3-5-haiku-20241022',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              parameters: { type: 'object', properties: { location: { type: 'string' } } },
            },
          },
        ],
      });
      const choice = completion.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.tool_calls?.[0]).toMatchObject({
        id: 'toolu_01A09q90qw90lq917835lq9',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Paris","unit":"celsius"}' },
      });
      expect(upstream.requests.at(-1)?.body.tools).toMatchObject([{ name: 'get_weather' }]);
    } finally {
      upstream.toolCalls = false;
    }
  });

  it('calls Gemini, streaming (CRLF-framed events) and not', async () => {
    const completion = await client.chat.completions.create({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Refunds?' }],
      response_format: { type: 'json_object' },
    });
    expect(completion.choices[0]?.message.content).toBe(
      'Refunds are returned to the original payment method within 5 business days.',
    );
    expect(completion.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 15 });
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(sent.headers['x-goog-api-key']).toBe(environment.GOOGLE_GENERATIVE_AI_API_KEY);
    expect(sent.body.generationConfig).toMatchObject({ responseMimeType: 'application/json' });

    const stream = await client.chat.completions.create({
      model: 'google/gemini-2.5-flash',
      stream: true,
      messages: [{ role: 'user', content: 'Refunds?' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Refunds are returned to the original payment method within 5 business days.');
  });
});

describe('gateway: the in-process GGUF provider', () => {
  it('adds a GGUF file through the API and chats with it, streaming and not', async () => {
    const added = await fetch(`${server.url}/api/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'gguf', file: findTestModel(), id: 'local/stories260k', threads: 1 }),
    });
    expect(added.status).toBe(201);
    const traceId = hex(32);
    const prompt = 'Once upon a time, there was a little girl named Lily.';
    const completion = await client.chat.completions.create(
      {
        model: 'local/stories260k',
        max_tokens: 16,
        temperature: 0,
        messages: [{ role: 'user', content: prompt }],
      },
      { headers: { traceparent: traceparent(traceId) } },
    );
    expect(completion.choices[0]?.message.content).toMatch(/She loved to play/);
    expect(completion.usage?.completion_tokens).toBe(16);
    const [span] = await spansOf(traceId);
    expect(span).toMatchObject({ provider: 'local', outputTokens: 16, cost: 0, costEstimated: false });

    const stream = await client.chat.completions.create({
      model: 'local/stories260k',
      max_tokens: 16,
      stream: true,
      messages: [{ role: 'user', content: prompt }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(completion.choices[0]?.message.content);
  });
});
