import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secretFilePath } from '../services/model-credential-cipher.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { otlpJson } from '../test-support/otlp-payload.js';

let directory: string;
let store: Store;
let server: RunningServer;
let keyA: string;
let keyB: string;
const logged: unknown[] = [];

async function api(key: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-models-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  await projects.createProject('beta');
  keyA = (await projects.createApiKey('alpha', 'test')).key;
  keyB = (await projects.createApiKey('beta', 'test')).key;
  server = await startServer({ store, port: 0, logError: (error) => logged.push(error) });
});

afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('model garden API', () => {
  it('lists the seeded catalog with filters on provider, price, context and capability', async () => {
    const all = await api(keyA, 'GET', '/api/models');
    expect(all.body.total).toBeGreaterThan(650);
    const cheap = await api(
      keyA,
      'GET',
      '/api/models?provider=openai&maxInputPrice=0.5&capability=tools,vision&sort=inputPrice',
    );
    expect(cheap.status).toBe(200);
    const ids = cheap.body.models.map((model: { id: string }) => model.id);
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids).not.toContain('openai/gpt-4o');
    const prices = cheap.body.models.map((model: { pricing: { input: number } }) => model.pricing.input);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const large = await api(keyA, 'GET', '/api/models?minContext=1000000&q=gemini');
    expect(
      large.body.models.every((model: { contextWindow: number }) => model.contextWindow >= 1_000_000),
    ).toBe(true);
    expect((await api(keyA, 'GET', '/api/models?capability=telepathy')).status).toBe(400);
  });

  it('shows one model (slash URL-encoded) and compares several; an unknown id suggests close ones', async () => {
    const one = await api(keyA, 'GET', '/api/models/openai%2Fgpt-4o');
    expect(one.body).toMatchObject({ id: 'openai/gpt-4o', pricing: { input: 2.5, output: 10 } });
    const compared = await api(
      keyA,
      'GET',
      '/api/models/compare?ids=openai/gpt-4o,anthropic/claude-3-5-haiku-20241022',
    );
    expect(compared.body.models.map((model: { id: string }) => model.id)).toEqual([
      'openai/gpt-4o',
      'anthropic/claude-3-5-haiku-20241022',
    ]);
    const unknown = await api(keyA, 'GET', '/api/models/openai%2Fgpt-4-o');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/closest: .*openai\/gpt-4o/);
  });

  it("adds an OpenAI-compatible endpoint's models to one project only, free when local", async () => {
    const added = await api(keyA, 'POST', '/api/models', {
      type: 'endpoint',
      provider: 'ollama',
      baseUrl: 'http://127.0.0.1:11434/v1',
      models: ['llama3.2', 'qwen3:0.6b'],
    });
    expect(added.status).toBe(201);
    expect(added.body.models[0]).toMatchObject({
      id: 'ollama/llama3.2',
      source: 'endpoint',
      pricing: { input: 0, output: 0 },
    });
    expect((await api(keyA, 'GET', '/api/models?provider=ollama')).body.models).toHaveLength(2);
    expect((await api(keyB, 'GET', '/api/models?provider=ollama')).body.models).toHaveLength(0);
    const bad = await api(keyA, 'POST', '/api/models', {
      type: 'endpoint',
      provider: 'x',
      baseUrl: 'ftp://nope',
      models: ['m'],
    });
    expect(bad.status).toBe(400);
    expect((await api(keyA, 'DELETE', '/api/models/ollama%2Fqwen3%3A0.6b')).status).toBe(204);
    expect((await api(keyA, 'DELETE', '/api/models/openai%2Fgpt-4o')).status).toBe(404);
  });

  it('validates aliases against known models', async () => {
    const bad = await api(keyA, 'PUT', '/api/model-aliases/chat', { targets: ['openai/gpt-4oo'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/closest: .*openai\/gpt-4o/);
    const good = await api(keyA, 'PUT', '/api/model-aliases/chat', {
      targets: ['openai/gpt-4o', 'ollama/llama3.2'],
      cacheTtlSeconds: 30,
    });
    expect(good.body).toMatchObject({ name: 'chat', timeoutMs: 60_000, maxRetries: 2, cacheTtlSeconds: 30 });
    expect((await api(keyA, 'GET', '/api/model-aliases')).body.aliases).toHaveLength(1);
    expect(
      (await api(keyA, 'PUT', '/api/model-aliases/Bad%20Name', { targets: ['openai/gpt-4o'] })).status,
    ).toBe(400);
  });

  it('stores provider credentials encrypted and never returns or logs them', async () => {
    const secret = 'sk-proj-never-shown-ABCDEF0123456789';
    let printed = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    try {
      expect((await api(keyA, 'PUT', '/api/providers/openai/credential', { apiKey: secret })).status).toBe(
        204,
      );
      const bodies = [
        (await api(keyA, 'GET', '/api/providers')).text,
        (await api(keyA, 'GET', '/api/models?provider=openai')).text,
        (await api(keyA, 'GET', '/api/models/openai%2Fgpt-4o')).text,
        (await api(keyA, 'GET', '/api/openapi.json')).text,
        (await api(keyA, 'PUT', '/api/providers/openai/credential', { apiKey: 'short' })).text,
      ];
      const providers = JSON.parse(bodies[0]!).providers as { provider: string; credential: string }[];
      expect(providers.find((provider) => provider.provider === 'openai')?.credential).toBe('stored');
      expect(
        (await api(keyB, 'GET', '/api/providers')).body.providers.find(
          (provider: { provider: string }) => provider.provider === 'openai',
        ).credential,
      ).not.toBe('stored');
      for (const body of bodies) expect(body).not.toContain(secret);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(printed).not.toContain(secret);
    expect(JSON.stringify(logged.map(String))).not.toContain(secret);
    // At rest: ciphertext only, and the generated key file is private to its owner.
    const [stored] = await store.listProviderCredentials('alpha');
    expect(stored?.ciphertext).toMatch(/^v1:/);
    expect(stored?.ciphertext).not.toContain(secret);
    expect(fs.readFileSync(path.join(directory, 'sextant.db')).includes(secret)).toBe(false);
    expect(fs.statSync(secretFilePath(path.join(directory, 'sextant.db'))).mode & 0o777).toBe(0o600);
  });

  it('documents the models API and the gateway in the OpenAPI document', async () => {
    const document = (await api(keyA, 'GET', '/api/openapi.json')).body;
    for (const route of [
      '/api/models',
      '/api/models/{id}',
      '/api/model-aliases/{name}',
      '/api/providers',
      '/v1/chat/completions',
      '/v1/embeddings',
    ]) {
      expect(Object.keys(document.paths)).toContain(route);
    }
  });
});

describe('cost at ingestion', () => {
  it('prices ingested llm spans from the catalog, and estimates usage when none was reported', async () => {
    const traceId = 'c'.repeat(32);
    const body = JSON.stringify(
      otlpJson([
        {
          traceId,
          spanId: '1'.repeat(16),
          name: 'chat gpt-4o',
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.system': 'openai',
            'gen_ai.request.model': 'gpt-4o',
            'gen_ai.response.model': 'gpt-4o-2024-08-06',
            'gen_ai.usage.input_tokens': 1000,
            'gen_ai.usage.output_tokens': 100,
          },
        },
        {
          traceId,
          spanId: '2'.repeat(16),
          name: 'chat claude',
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.system': 'anthropic',
            'gen_ai.request.model': 'claude-3-5-haiku-20241022',
            'sextant.input': 'How do refunds work? Please answer in one sentence.',
            'sextant.output': 'Refunds go back to your card within five days.',
          },
        },
      ]),
    );
    const response = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    const spans = (await store.getTrace('alpha', traceId))!.spans;
    const reported = spans.find((span) => span.spanId === '1'.repeat(16))!;
    expect(reported.cost).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 12);
    expect(reported.costEstimated).toBe(false);
    const estimated = spans.find((span) => span.spanId === '2'.repeat(16))!;
    expect(estimated.inputTokens).toBeGreaterThan(5);
    expect(estimated.outputTokens).toBeGreaterThan(5);
    expect(estimated.costEstimated).toBe(true);
    expect(estimated.cost).toBeCloseTo(
      ((estimated.inputTokens ?? 0) * 0.8 + (estimated.outputTokens ?? 0) * 4) / 1e6,
      12,
    );
  });
});
