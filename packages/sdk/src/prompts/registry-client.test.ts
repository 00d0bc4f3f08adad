import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { init } from '../init.js';
import { withSpan } from '../with-span.js';
import { createRegistryClient } from './registry-client.js';
import { withPrompt, withRelease } from './with-prompt.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-sdk-prompts-'));
const live = { url: '', key: '' };
let server: RunningServer;
let store: Store;

async function api(method: string, route: string, body?: unknown) {
  const response = await fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}: ${await response.clone().text()}`).toBeLessThan(300);
  return response.json();
}

const chat = (system: string) => ({
  definition: {
    type: 'chat',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: '{{question}}' },
    ],
    variables: [{ name: 'tone', default: 'friendly' }, { name: 'question' }],
    config: { model: 'openai/gpt-4o-mini', parameters: { temperature: 0.2 } },
  },
});

/** Resolves when `check` passes, polling for at most a second. */
async function eventually(check: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within a second');
}

beforeAll(async () => {
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'app')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.url = server.url;
  await api('POST', '/api/prompts/greet/versions', { ...chat('Be {{tone}}.'), labels: ['production'] });
  await api('POST', '/api/prompts/greet/versions', chat('Be {{tone}} and brief.'));
  await api('POST', '/api/releases/support-bot/versions', {
    definition: {
      prompts: { greet: 'production' },
      models: { generator: 'openai/gpt-4o-mini' },
      retriever: { top_k: 4 },
    },
    labels: ['production'],
  });
});

afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('getPrompt and getRelease against a live server', () => {
  it('reads the production label by default, or a version, and compiles with variables', async () => {
    const registry = createRegistryClient({ endpoint: live.url, apiKey: live.key });
    const production = await registry.getPrompt('greet', { type: 'chat' });
    expect([production.version, production.labels, production.isFallback]).toEqual([
      1,
      ['production'],
      false,
    ]);
    expect(production.config).toMatchObject({
      model: 'openai/gpt-4o-mini',
      parameters: { temperature: 0.2 },
    });
    expect(production.compile({ question: 'Hi?' })).toEqual([
      { role: 'system', content: 'Be friendly.' },
      { role: 'user', content: 'Hi?' },
    ]);
    const latest = await registry.getPrompt('greet', { version: 2 });
    expect(latest.compile({ question: 'Hi?', tone: 'calm' })[0]).toEqual({
      role: 'system',
      content: 'Be calm and brief.',
    });
    expect(() => latest.compile({ qestion: 'Hi?' })).toThrow(
      "prompt 'greet' (version 2): missing required variable 'question'; unknown variable 'qestion' (did you mean 'question'?)",
    );
    await expect(registry.getPrompt('greet', { type: 'text' })).rejects.toThrow(
      "prompt 'greet' is a chat prompt, not text",
    );
    await expect(registry.getPrompt('greet', { label: 'prod' })).rejects.toThrow(/has no label 'prod'/);
  });

  it('serves from cache within the TTL, then the stale version while one background refresh fetches the new one', async () => {
    const registry = createRegistryClient({ endpoint: live.url, apiKey: live.key, cacheTtlMs: 100 });
    expect((await registry.getPrompt('greet')).version).toBe(1);
    await api('PUT', '/api/prompts/greet/labels/production', { version: 2, expectedVersion: 1 });
    expect((await registry.getPrompt('greet')).version).toBe(1); // fresh cache: no request made
    await new Promise((resolve) => setTimeout(resolve, 120));
    const started = performance.now();
    expect((await registry.getPrompt('greet')).version).toBe(1); // stale, served at once
    expect(performance.now() - started).toBeLessThan(20);
    await eventually(async () => (await registry.getPrompt('greet')).version === 2);
    await api('PUT', '/api/prompts/greet/labels/production', { version: 1, expectedVersion: 2 });
  });

  it('reads releases by label, with their pinned prompts, models and retriever settings', async () => {
    const registry = createRegistryClient({ endpoint: live.url, apiKey: live.key });
    const release = await registry.getRelease('support-bot');
    expect(release).toMatchObject({
      id: 'support-bot@1',
      version: 1,
      prompts: { greet: 1 },
      models: { generator: 'openai/gpt-4o-mini' },
      retriever: { top_k: 4 },
      isFallback: false,
    });
    expect(release.traceAttributes).toEqual({ releaseId: 'support-bot@1' });
  });

  it('links traced spans to the prompt version and release that produced them', async () => {
    const registry = createRegistryClient({ endpoint: live.url, apiKey: live.key });
    const prompt = await registry.getPrompt('greet', { type: 'chat' });
    const release = await registry.getRelease('support-bot');
    const sextant = init({ endpoint: live.url, apiKey: live.key, serviceName: 'prompt-test' });
    let traceId = '';
    await withRelease(release, () =>
      withPrompt(prompt, () =>
        withSpan('answer', { kind: 'chain' }, async (span) => {
          traceId = span.spanContext().traceId;
          await withSpan('chat gpt-4o-mini', { kind: 'llm' }, async () =>
            prompt.compile({ question: 'Hi?' }),
          );
        }),
      ),
    );
    await sextant.flush();
    await sextant.shutdown();
    type Node = {
      span: {
        promptName: string;
        promptVersion: string;
        releaseId: string;
        rawAttributes: Record<string, unknown>;
      };
      children: Node[];
    };
    let detail: { trace: { releaseId: string }; tree: Node[] } | undefined;
    await eventually(async () => {
      const response = await fetch(`${live.url}/api/traces/${traceId}`, {
        headers: { authorization: `Bearer ${live.key}` },
      });
      detail = response.ok ? ((await response.json()) as typeof detail) : undefined;
      return detail?.tree[0]?.children.length === 1;
    });
    expect(detail?.trace.releaseId).toBe('support-bot@1');
    for (const node of [detail!.tree[0]!, detail!.tree[0]!.children[0]!]) {
      expect(node.span).toMatchObject({
        promptName: 'greet',
        promptVersion: '1',
        releaseId: 'support-bot@1',
      });
      expect(node.span.rawAttributes['gen_ai.prompt.name']).toBe('greet');
    }
  });
});

describe('when the server is slow or down', () => {
  const fallbackFile = path.join(directory, 'greet.prompt.md');
  beforeAll(() => {
    fs.writeFileSync(
      fallbackFile,
      '---\nname: greet\nvariables:\n  name: string\n---\nHello {{name}} (offline copy)\n',
    );
  });

  it('never waits longer than timeoutMs on a hanging server, and serves the fallback', async () => {
    const hanging = net.createServer(() => {}); // accepts connections, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as net.AddressInfo).port;
    try {
      const registry = createRegistryClient({
        endpoint: `http://127.0.0.1:${port}`,
        apiKey: 'x',
        requestTimeoutMs: 500,
      });
      let started = performance.now();
      const prompt = await registry.getPrompt('greet', { timeoutMs: 150, fallback: fallbackFile });
      expect(performance.now() - started).toBeLessThan(400);
      expect(prompt).toMatchObject({ type: 'text', version: null, isFallback: true });
      expect(prompt.traceAttributes).toEqual({ promptName: 'greet' });
      expect(prompt.type === 'text' && prompt.compile({ name: 'Ada' })).toBe('Hello Ada (offline copy)');
      started = performance.now();
      await expect(registry.getPrompt('other', { timeoutMs: 150 })).rejects.toThrow(
        "prompt 'other' (label production) is not available: the server did not answer within 150 ms; nothing is cached yet and no fallback was given",
      );
      expect(performance.now() - started).toBeLessThan(400);
    } finally {
      hanging.close();
    }
  });

  it('serves the last known version after the server goes away, and fallbacks for what it never saw', async () => {
    const registry = createRegistryClient({ endpoint: live.url, apiKey: live.key, cacheTtlMs: 1 });
    expect((await registry.getPrompt('greet')).version).toBe(1);
    expect((await registry.getRelease('support-bot')).id).toBe('support-bot@1');
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await registry.getPrompt('greet')).version).toBe(1);
    expect((await registry.getPrompt('greet')).isFallback).toBe(false);
    expect((await registry.getRelease('support-bot')).id).toBe('support-bot@1');
    const release = await registry.getRelease('new-bot', {
      fallback: { prompts: { greet: 1 }, retriever: { top_k: 3 }, version: 7 },
    });
    expect(release).toMatchObject({ id: 'new-bot@7', isFallback: true, retriever: { top_k: 3 } });
    await expect(registry.getPrompt('never-seen')).rejects.toThrow(
      /cannot reach Sextant at .*no fallback was given/,
    );
    await expect(
      registry.getPrompt('broken', { fallback: { type: 'text', template: '{{#if x}}' } }),
    ).rejects.toThrow(
      "fallback for prompt 'broken' is not valid: '{{#if x}}' is never closed; add '{{/if}}'",
    );
  });
});
