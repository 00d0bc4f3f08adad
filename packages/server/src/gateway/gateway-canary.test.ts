import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CanonicalSpan, ModelCard } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';

// A canary on prompt label `production`: the gateway splits users between the two versions (sticky per user),
// spans record the arm, scores of both arms feed the sequential test, and its decision ends the canary.

let directory: string;
let store: Store;
let server: RunningServer;
let upstream: LoopbackUpstream;
let key: string;

const hex = (length: number) =>
  Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');

async function api(method: string, route: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function spanOf(traceId: string): Promise<CanonicalSpan> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const span = (await store.getTrace('alpha', traceId))?.spans[0];
    if (span) return span;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no span stored for trace ${traceId}`);
}

/** One chat call as `user`, answering which system prompt (so which version) the upstream received. */
async function ask(prompt: string, user: string) {
  const traceId = hex(32);
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      traceparent: `00-${traceId}-b7ad6b7169203331-01`,
      'x-sextant-user-id': user,
    },
    body: JSON.stringify({ model: `${prompt}@production`, variables: { question: 'How do refunds work?' } }),
  });
  expect(response.status).toBe(200);
  const sent = upstream.requests.at(-1)?.body as { messages: Array<{ content: string }> } | undefined;
  const system = sent?.messages[0]?.content;
  return { traceId, version: system?.includes('v2') ? 2 : 1 };
}

const chatPrompt = (system: string) => ({
  type: 'chat',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ],
  config: { model: 'openai/gpt-4o-mini', parameters: { max_tokens: 50 } },
});

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gateway-canary-'));
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
  for (const name of ['answer', 'greet']) {
    await api('POST', `/api/prompts/${name}/versions`, {
      definition: chatPrompt('You are v1.'),
      labels: ['production'],
    });
    await api('POST', `/api/prompts/${name}/versions`, { definition: chatPrompt('You are v2, terser.') });
  }
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await store?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

/** Sends `users` users through the canary and scores each call with what `scoreOf(version)` gives. */
async function traffic(prompt: string, users: number, scoreOf: (version: number) => number) {
  const calls = [];
  for (let index = 0; index < users; index++)
    calls.push({ user: `user-${index}`, ...(await ask(`prompt:${prompt}`, `user-${index}`)) });
  const scores = calls.map((call) => ({
    traceId: call.traceId,
    name: 'helpful',
    value: scoreOf(call.version),
    source: 'online',
  }));
  for (const call of calls) await spanOf(call.traceId); // scores group by the trace's prompt version
  expect((await api('POST', '/api/scores', { scores })).status).toBeLessThan(300);
  return calls;
}

describe('gateway canary', () => {
  it('splits a label sticky per user, records the arm, and rolls a worse candidate back with the evidence', async () => {
    const started = await api('POST', '/api/canaries', {
      prompt: 'answer',
      label: 'production',
      candidateVersion: 2,
      share: 0.5,
      score: 'helpful',
    });
    expect(started.status).toBe(201);
    const canaryId = started.body.id as string;

    const calls = await traffic('answer', 100, (version) => (version === 2 ? 0 : 1));
    const candidates = calls.filter((call) => call.version === 2);
    expect(candidates.length).toBeGreaterThan(30);
    expect(calls.length - candidates.length).toBeGreaterThan(30);
    // Sticky: the same user lands on the same version again.
    const first = candidates[0]!;
    expect((await ask('prompt:answer', first.user)).version).toBe(2);
    const span = await spanOf(first.traceId);
    expect(span.promptVersion).toBe('2');
    expect(span.rawAttributes).toMatchObject({
      'sextant.canary.id': canaryId,
      'sextant.canary.arm': 'candidate',
    });

    const looked = await api('POST', '/api/canaries/evaluate');
    const [look] = looked.body.looks as Array<{
      decision: string;
      reason: string;
      interval: { upper: number };
    }>;
    expect(look?.decision).toBe('rollback');
    expect(look?.interval.upper).toBeLessThan(0);
    const detail = await api('GET', `/api/canaries/${canaryId}`);
    expect(detail.body).toMatchObject({
      canary: { status: 'rolled_back' },
      decisions: [{ decision: 'rollback' }],
    });
    // Rolled back: every user is served by the label's version again, which never moved.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await ask('prompt:answer', first.user)).version).toBe(1);
    const audit = await api('GET', '/api/audit?targetType=canary');
    expect((audit.body.entries as Array<{ action: string }>).map((entry) => entry.action)).toEqual([
      'canary.rollback',
      'canary.start',
    ]);
  });

  it('promotes a candidate that is not worse by more than the margin, moving the label', async () => {
    const started = await api('POST', '/api/canaries', {
      prompt: 'greet',
      candidateVersion: 2,
      share: 0.5,
      score: 'helpful',
      margin: 0.5,
    });
    expect(started.status).toBe(201);
    await traffic('greet', 100, () => 1);
    const [look] = (await api('POST', '/api/canaries/evaluate')).body.looks as Array<{ decision: string }>;
    expect(look?.decision).toBe('promote');
    const prompt = await api('GET', '/api/prompts/greet?label=production');
    expect(prompt.body.version).toBe(2);
  });

  it('refuses a canary on a label that does not exist, naming the labels', async () => {
    const refused = await api('POST', '/api/canaries', {
      prompt: 'answer',
      label: 'prod',
      candidateVersion: 2,
      score: 'helpful',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(
      /prompt 'answer' has no label 'prod' to split; labels: production/,
    );
  });
});
