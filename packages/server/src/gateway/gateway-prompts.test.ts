import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CanonicalSpan, ModelCard } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { fixture, type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';

// `model: "prompt:NAME@LABEL"` through the official OpenAI client: the gateway renders the prompt
// version and calls its configured model; the span links back to the version.

let directory: string;
let store: Store;
let server: RunningServer;
let upstream: LoopbackUpstream;
let client: OpenAI;
let key: string;

const hex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const traced = () => {
  const traceId = hex(32);
  return { traceId, headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } };
};

/** The single span of a trace, once the gateway's writer stored it. */
async function spanOf(traceId: string): Promise<CanonicalSpan> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const span = (await store.getTrace('alpha', traceId))?.spans[0];
    if (span) return span;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no span stored for trace ${traceId}`);
}

async function api(method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

/** Chat-completion params plus the gateway's `variables` extension (what `extra_body` sends in Python). */
const withVariables = <T extends object>(params: T, variables: Record<string, unknown>) => ({
  ...params,
  variables,
});

const supportPrompt = (system: string) => ({
  type: 'chat',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ],
  config: { model: 'openai/gpt-4o-mini', parameters: { temperature: 0.2, max_tokens: 200 } },
});

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gateway-prompts-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  key = (await projects.createApiKey('alpha', 'test')).key;
  upstream = await startLoopbackUpstream();
  await seedCatalogIfEmpty(store);
  const card = (await store.listModels('alpha')).find((model) => model.id === 'openai/gpt-4o-mini');
  await store.putModels('alpha', [
    { ...card, access: { ...card!.access, baseUrl: `${upstream.url}/v1` } } as ModelCard,
  ]);
  server = await startServer({
    store,
    port: 0,
    logError: () => {},
    gateway: { environment: { OPENAI_API_KEY: 'sk-test-openai-0123456789' } },
  });
  client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
  await api('POST', '/api/prompts/support-answer/versions', {
    definition: supportPrompt('You answer questions about {{product}}.'),
    labels: ['production'],
  });
  await api('POST', '/api/prompts/support-answer/versions', {
    definition: supportPrompt('You answer questions about {{product}}, briefly and kindly.'),
    labels: ['staging'],
  });
  await api('POST', '/api/prompts/summarize/versions', {
    definition: { type: 'text', template: 'Summarize: {{text}}' },
    labels: ['production'],
  });
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await store?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('gateway: prompt references', () => {
  it('renders a labelled version, appends the request messages, and lets request parameters win', async () => {
    const { traceId, headers } = traced();
    const completion = await client.chat.completions.create(
      withVariables(
        {
          model: 'prompt:support-answer@staging',
          messages: [{ role: 'user' as const, content: 'Answer in French.' }],
          temperature: 0.9,
        },
        { product: 'Sextant', question: 'How do refunds work?' },
      ),
      { headers },
    );
    expect(completion).toEqual(JSON.parse(fixture('openai-chat-completion.json')));
    const sent = upstream.requests.at(-1)!.body;
    expect(sent).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You answer questions about Sextant, briefly and kindly.' },
        { role: 'user', content: 'How do refunds work?' },
        { role: 'user', content: 'Answer in French.' },
      ],
      temperature: 0.9,
      max_tokens: 200,
    });

    const span = await spanOf(traceId);
    expect(span).toMatchObject({
      promptName: 'support-answer',
      promptVersion: '2',
      model: 'gpt-4o-mini',
      status: 'ok',
      input: { type: 'messages', messages: sent.messages },
    });
    expect(span.rawAttributes).toMatchObject({
      'gen_ai.request.model': 'openai/gpt-4o-mini',
      'sextant.gateway.prompt_reference': 'prompt:support-answer@staging',
    });
    // The trace links back: filtering traces by the prompt version finds it.
    const linked = await api('GET', '/api/traces?promptName=support-answer&promptVersion=2');
    expect((linked.traces as { traceId: string }[]).map((trace) => trace.traceId)).toContain(traceId);
  });

  it('resolves a version number, streams, and reads variables from metadata.variables', async () => {
    const { traceId, headers } = traced();
    const stream = await client.chat.completions.create(
      {
        model: 'prompt:support-answer@1',
        messages: [],
        stream: true,
        metadata: { variables: JSON.stringify({ product: 'Sextant', question: 'Refunds?' }), team: 'care' },
      },
      { headers },
    );
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(
      'Refunds are issued to the original payment method within 5 business days of approval.',
    );
    const sent = upstream.requests.at(-1)!.body;
    expect(sent).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You answer questions about Sextant.' },
        { role: 'user', content: 'Refunds?' },
      ],
      temperature: 0.2,
      metadata: { team: 'care' },
    });
    expect(await spanOf(traceId)).toMatchObject({
      promptName: 'support-answer',
      promptVersion: '1',
      outputTokens: 17,
    });
  });

  it('reads the production label when the reference names none', async () => {
    await client.chat.completions.create(
      withVariables({ model: 'prompt:support-answer', messages: [] }, { product: 'Sextant', question: 'Hi' }),
    );
    expect(upstream.requests.at(-1)?.body.messages).toEqual([
      { role: 'system', content: 'You answer questions about Sextant.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('answers 400 naming a missing variable, and still links the failed call to the prompt', async () => {
    const { traceId, headers } = traced();
    const before = upstream.requests.length;
    const failure = await client.chat.completions
      .create(
        withVariables({ model: 'prompt:support-answer@staging', messages: [] }, { question: 'Refunds?' }),
        {
          headers,
        },
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      code: 'invalid_prompt_variables',
      param: 'variables',
      message: expect.stringMatching(/version 2.*missing required variable 'product'/),
    });
    expect(upstream.requests.length).toBe(before);
    expect(await spanOf(traceId)).toMatchObject({ promptName: 'support-answer', status: 'error' });
  });

  it('answers 404 for an unknown prompt or label, naming the close ones', async () => {
    const unknown = await client.chat.completions
      .create({ model: 'prompt:suport-answer', messages: [] })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as Error).message).toMatch(
      /prompt 'suport-answer' not found.*did you mean 'support-answer'\?.*prompts: summarize, support-answer/,
    );
    const label = await client.chat.completions
      .create({ model: 'prompt:support-answer@canary', messages: [] })
      .catch((error: unknown) => error);
    expect(label).toBeInstanceOf(OpenAI.NotFoundError);
    expect((label as Error).message).toMatch(/no label 'canary'.*production=1, staging=2/);
  });

  it('answers 400 for a prompt without a model, unless the request names one in x-sextant-prompt-model', async () => {
    const params = withVariables(
      { model: 'prompt:summarize', messages: [] },
      { text: 'Refunds take 5 days.' },
    );
    const failure = await client.chat.completions.create(params).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as Error).message).toMatch(
      /prompt 'summarize' version 1 has no model configured: set `model`.*x-sextant-prompt-model header/,
    );

    const { traceId, headers } = traced();
    await client.chat.completions.create(params, {
      headers: { ...headers, 'x-sextant-prompt-model': 'openai/gpt-4o-mini' },
    });
    expect(upstream.requests.at(-1)?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Summarize: Refunds take 5 days.' }],
    });
    expect(await spanOf(traceId)).toMatchObject({ promptName: 'summarize', promptVersion: '1' });
  });

  it('sends the prompt’s tools and response schema, and lets max_completion_tokens replace max_tokens', async () => {
    const tool = { type: 'function', function: { name: 'lookup_order', parameters: { type: 'object' } } };
    const schema = { type: 'object', properties: { intent: { type: 'string' } }, required: ['intent'] };
    await api('POST', '/api/prompts/classify.intent/versions', {
      definition: {
        type: 'text',
        template: 'Classify: {{message}}',
        config: {
          model: 'openai/gpt-4o-mini',
          parameters: { max_tokens: 50 },
          tools: [tool],
          responseSchema: schema,
        },
      },
      labels: ['production'],
    });
    await client.chat.completions.create(
      withVariables(
        { model: 'prompt:classify.intent', messages: [], max_completion_tokens: 80 },
        { message: 'Where is my order?' },
      ),
    );
    expect(upstream.requests.at(-1)?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Classify: Where is my order?' }],
      max_completion_tokens: 80,
      tools: [tool],
      response_format: { type: 'json_schema', json_schema: { name: 'classify_intent', schema } },
    });
  });

  it('refuses prompt references for embeddings, saying where they work', async () => {
    const failure = await client.embeddings
      .create({ model: 'prompt:summarize', input: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as Error).message).toMatch(/only \/v1\/chat\/completions resolves/);
  });
});
