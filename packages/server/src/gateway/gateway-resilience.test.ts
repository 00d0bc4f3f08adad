import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelCard } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { fixture, type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';

let directory: string;
let store: Store;
let server: RunningServer;
let primary: LoopbackUpstream;
let backup: LoopbackUpstream;
let client: OpenAI;
let key: string;

const messages = [{ role: 'user' as const, content: 'How do refunds work?' }];

async function putAlias(name: string, body: Record<string, unknown>) {
  const response = await fetch(`${server.url}/api/model-aliases/${name}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function post(route: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { error: { message: string; param: string | null; code: string } },
  };
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gateway-resilience-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  key = (await projects.createApiKey('alpha', 'test')).key;
  [primary, backup] = await Promise.all([startLoopbackUpstream(), startLoopbackUpstream()]);
  await seedCatalogIfEmpty(store);
  const catalog = new Map((await store.listModels('alpha')).map((card) => [card.id, card]));
  const at = (id: string, baseUrl: string): ModelCard => {
    const card = catalog.get(id)!;
    return { ...card, access: { ...card.access, baseUrl } };
  };
  await store.putModels('alpha', [
    at('openai/gpt-4o-mini', `${primary.url}/v1`),
    at('anthropic/claude-3-5-haiku-20241022', `${backup.url}/v1`),
  ]);
  server = await startServer({
    store,
    port: 0,
    logError: () => {},
    gateway: { environment: { OPENAI_API_KEY: 'sk-test-0123456789' }, retryBaseDelayMs: 5 },
  });
  client = new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await Promise.all([primary.close(), backup.close()]);
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('gateway: retries, fallbacks, timeouts and the cache', () => {
  it('retries retryable upstream errors with backoff, and never a bad request', async () => {
    await putAlias('retrying', { targets: ['openai/gpt-4o-mini'], maxRetries: 2, timeoutMs: 2000 });
    const overloaded = JSON.stringify({
      error: { message: 'The server is overloaded', type: 'server_error' },
    });
    primary.script({ status: 503, body: overloaded }, { status: 429, body: overloaded });
    const before = primary.requests.length;
    const completion = await client.chat.completions.create({ model: 'retrying', messages });
    expect(completion.choices[0]?.message.content).toMatch(/^Refunds are issued/);
    expect(primary.requests.length - before).toBe(3);

    primary.script({
      status: 400,
      body: JSON.stringify({
        error: {
          message: "Invalid 'messages[0].role'",
          type: 'invalid_request_error',
          param: 'messages',
          code: null,
        },
      }),
    });
    const failing = primary.requests.length;
    await expect(client.chat.completions.create({ model: 'retrying', messages })).rejects.toMatchObject({
      status: 400,
    });
    expect(primary.requests.length - failing).toBe(1);
  });

  it('times out an upstream that hangs, then falls back to the next model', async () => {
    await putAlias('resilient', {
      targets: ['openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku-20241022'],
      maxRetries: 0,
      timeoutMs: 300,
    });
    // The server has no ANTHROPIC_API_KEY: the project stores one, encrypted.
    const secret = 'sk-ant-stored-secret-4242424242';
    const stored = await fetch(`${server.url}/api/providers/anthropic/credential`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: secret }),
    });
    expect(stored.status).toBe(204);
    primary.script('hang');
    const started = Date.now();
    const completion = await client.chat.completions.create({ model: 'resilient', messages });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(completion.choices[0]?.message.content).toBe(
      'Refunds go back to your original payment method within 5 business days.',
    );
    expect(backup.requests.at(-1)?.headers['x-api-key']).toBe(secret);
  });

  it('serves identical requests from the cache until the TTL, unless the client opts out', async () => {
    await putAlias('cached', { targets: ['openai/gpt-4o-mini'], cacheTtlSeconds: 60 });
    const body = JSON.stringify({ model: 'cached', messages: [{ role: 'user', content: 'cache me' }] });
    const before = primary.requests.length;
    const first = await post('/v1/chat/completions', body);
    const second = await post('/v1/chat/completions', body);
    expect(first.headers.get('x-sextant-cache')).toBe('miss');
    expect(second.headers.get('x-sextant-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(primary.requests.length - before).toBe(1);
    const bypass = await post('/v1/chat/completions', body, { 'x-sextant-cache': 'no-store' });
    expect(bypass.headers.get('x-sextant-cache')).toBeNull();
    expect(primary.requests.length - before).toBe(2);
    const different = JSON.stringify({
      model: 'cached',
      messages: [{ role: 'user', content: 'cache me too' }],
    });
    expect((await post('/v1/chat/completions', different)).headers.get('x-sextant-cache')).toBe('miss');
  });
});

describe('gateway: bad input gets clear errors, and nothing crashes', () => {
  it('answers an unknown model with the closest ids', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt4o-mini', messages })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toMatch(/model 'gpt4o-mini' is not in the catalog.*closest: .*openai\/gpt-4o-mini/);
  });

  it('names the environment variable to set when a provider has no credential', async () => {
    const error = await client.chat.completions
      .create({ model: 'google/gemini-2.5-flash', messages })
      .catch((caught) => caught);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/set GOOGLE_GENERATIVE_AI_API_KEY/);
  });

  it("maps upstream errors to OpenAI error bodies with the upstream's status", async () => {
    primary.script({ status: 401, body: fixture('openai-error-invalid-key.json') });
    const error = await client.chat.completions
      .create({ model: 'openai/gpt-4o-mini', messages })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/openai\/gpt-4o-mini: Incorrect API key provided/);
    expect(error.code).toBe('invalid_api_key');
  });

  it('names the field of a malformed request in a 400', async () => {
    const missing = await post('/v1/chat/completions', JSON.stringify({ model: 'openai/gpt-4o-mini' }));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      param: 'messages',
      message: expect.stringMatching(/^messages: /),
    });
    const role = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'robot', content: 'x' }] }),
    );
    expect(role.body.error.param).toBe('messages.0.role');
    const json = await post('/v1/chat/completions', '{"model": ');
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/not valid JSON/);
    const embedding = await post(
      '/v1/embeddings',
      JSON.stringify({ model: 'openai/gpt-4o-mini', input: 42 }),
    );
    expect(embedding.body.error.param).toBe('input');
  });

  it('refuses a corrupt GGUF file by name, then keeps serving', async () => {
    const corrupt = path.join(directory, 'broken.gguf');
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(128, 0xee)]));
    const added = await fetch(`${server.url}/api/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'gguf', file: corrupt }),
    });
    expect(added.status).toBe(400);
    expect(((await added.json()) as { error: { message: string } }).error.message).toMatch(
      /broken\.gguf is not a readable GGUF model/,
    );
    const completion = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages });
    expect(completion.choices).toHaveLength(1);
  });

  it('rejects calls without a Sextant key like every /v1 route', async () => {
    const anonymous = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(401);
  });
});
