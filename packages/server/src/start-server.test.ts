import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@sextant/store';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from './services/model-catalog-seed.js';
import { ProjectService } from './services/project-service.js';
import { isLoopbackHost, startServer } from './start-server.js';
import { startLoopbackUpstream } from './test-support/loopback-upstream.js';

const directories: string[] = [];
const tempStore = () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-start-'));
  directories.push(directory);
  return openSqliteStore(path.join(directory, 'sextant.db'));
};
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe('startServer', () => {
  it('on first loopback start creates the default project and returns its working key once', async () => {
    const store = tempStore();
    const first = await startServer({ store, port: 0 });
    expect(first.bootstrapKey).toMatch(/^sk-sx-/);
    const response = await fetch(`${first.url}/api/project`, {
      headers: { authorization: `Bearer ${first.bootstrapKey}` },
    });
    expect(await response.json()).toMatchObject({ id: 'default' });
    await first.close();
    const second = await startServer({ store, port: 0 });
    expect(second.bootstrapKey).toBeNull();
    await second.close();
    await store.close();
  });

  it('refuses a non-loopback address while no API key exists, and says how to fix it', async () => {
    const store = tempStore();
    await expect(startServer({ store, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /no API key exists.*sextant keys create/,
    );
    await store.close();
  });

  it('listens on a non-loopback address once a key exists', async () => {
    const store = tempStore();
    const projects = new ProjectService(store);
    await projects.createProject('team');
    await projects.createApiKey('team', 'ci');
    const running = await startServer({ store, host: '0.0.0.0', port: 0 });
    expect(running.bootstrapKey).toBeNull();
    expect((await fetch(`http://127.0.0.1:${running.port}/api/health`)).status).toBe(200);
    await running.close();
    await store.close();
  });

  it('names the port when it is taken', async () => {
    const store = tempStore();
    const first = await startServer({ store, port: 0 });
    await expect(startServer({ store, port: first.port })).rejects.toThrow(
      new RegExp(`port ${first.port}.*in use.*--port`),
    );
    await first.close();
    await store.close();
  });

  it('serves an OpenAPI document describing the API and its error envelope', async () => {
    const store = tempStore();
    const running = await startServer({ store, port: 0 });
    const document = (await (await fetch(`${running.url}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/traces',
        '/api/traces/{traceId}',
        '/api/sessions',
        '/api/sessions/{sessionId}',
        '/api/keys',
        '/api/project',
      ]),
    );
    expect(document.components.schemas.Error).toBeDefined();
    await running.close();
    await store.close();
  });

  it('compresses API answers for clients that accept gzip', async () => {
    const store = tempStore();
    const running = await startServer({ store, port: 0 });
    const response = await fetch(`${running.url}/api/openapi.json`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
    await running.close();
    await store.close();
  });

  it('answers unknown routes and invalid queries with the one error envelope', async () => {
    const store = tempStore();
    const running = await startServer({ store, port: 0 });
    const headers = { authorization: `Bearer ${running.bootstrapKey}` };
    const missing = await fetch(`${running.url}/api/nothing-here`, { headers });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: expect.stringContaining('/api/nothing-here') },
    });
    const invalid = await fetch(`${running.url}/api/traces?limit=100000&sort=size`, { headers });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/limit/);
    expect(body.error.message).toMatch(/sort/);
    await running.close();
    await store.close();
  });
});

describe('startServer close()', () => {
  it('stores the span of a gateway call answered just before, instead of dropping it', async () => {
    const store = tempStore();
    const upstream = await startLoopbackUpstream();
    await seedCatalogIfEmpty(store);
    const card = (await store.listModels('default')).find((model) => model.id === 'openai/gpt-4o-mini')!;
    const running = await startServer({
      store,
      port: 0,
      gateway: { environment: { OPENAI_API_KEY: 'sk-test-0123456789' } },
    });
    await store.putModels('default', [
      { ...card, access: { ...card.access, baseUrl: `${upstream.url}/v1` } },
    ]);
    const traceId = 'c0ffee00000000000000000000000001';
    const answer = await fetch(`${running.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${running.bootstrapKey}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-b7ad6b7169203331-01`,
      },
      body: JSON.stringify({
        model: 'openai/gpt-4o-mini',
        messages: [{ role: 'user', content: 'Refunds?' }],
      }),
    });
    expect(answer.status).toBe(200);
    await answer.json();
    await running.close();
    // Read at once: close() has written the span, not a timer that might never fire.
    const stored = await store.getTrace('default', traceId);
    expect(stored?.spans).toMatchObject([{ kind: 'llm', model: 'gpt-4o-mini', inputTokens: 42 }]);
    await upstream.close();
    await store.close();
  });
});

describe('isLoopbackHost', () => {
  it('accepts only addresses other machines cannot reach', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.4', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
