import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CanonicalSpan, ModelCard } from '@sextant/core';
import { type JobRecord, openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCanariesJob } from '../jobs/canary-evaluate-job.js';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { ProjectService } from '../services/project-service.js';
import { type RunningServer, startServer } from '../start-server.js';
import { type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';

// `release:NAME@LABEL` in the gateway: the release's pinned prompt, model and chat parameters, spans linked to
// the release version; canaries on release labels split users sticky per user, and the canary.evaluate job
// moves (or keeps) the release label through the release service, so its gates apply.

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

interface Sent {
  model: string;
  temperature?: number;
  top_k?: unknown;
  messages: Array<{ content: string }>;
}

/** One chat call on `model` as `user`; what the upstream received and which prompt version (v1/v2) it held. */
async function ask(model: string, user: string, headers: Record<string, string> = {}) {
  const traceId = hex(32);
  const response = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      traceparent: `00-${traceId}-b7ad6b7169203331-01`,
      'x-sextant-user-id': user,
      ...headers,
    },
    body: JSON.stringify({ model, variables: { question: 'How do refunds work?' } }),
  });
  const body = (await response.json()) as { error?: { message: string; code?: string } };
  const sent = upstream.requests.at(-1)?.body as unknown as Sent;
  const version = sent?.messages[0]?.content.includes('v2') ? 2 : 1;
  return { status: response.status, body, traceId, sent, version };
}

const chatPrompt = (system: string) => ({
  type: 'chat',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: '{{question}}' },
  ],
  config: { model: 'openai/gpt-4o', parameters: { max_tokens: 50 } },
});

const release = (promptVersion: number) => ({
  prompts: { answer: promptVersion },
  models: { generator: 'openai/gpt-4o-mini' },
  parameters: { temperature: 0.3, top_k: 5 },
});

const job = { projectId: 'alpha' } as JobRecord;
const runJob = () =>
  evaluateCanariesJob(job, { store, signal: new AbortController().signal, workerId: 'test' });

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-gateway-release-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  key = (await projects.createApiKey('alpha', 'test')).key;
  upstream = await startLoopbackUpstream();
  await seedCatalogIfEmpty(store);
  const cards = (await store.listModels('alpha')).filter((model) =>
    ['openai/gpt-4o-mini', 'openai/gpt-4o'].includes(model.id),
  );
  await store.putModels(
    'alpha',
    cards.map(
      (card) => ({ ...card, access: { ...card.access, baseUrl: `${upstream.url}/v1` } }) as ModelCard,
    ),
  );
  server = await startServer({
    store,
    port: 0,
    logError: () => {},
    gateway: { environment: { OPENAI_API_KEY: 'sk-test-openai-0123456789' } },
  });
  await api('POST', '/api/prompts/answer/versions', { definition: chatPrompt('You are v1.') });
  await api('POST', '/api/prompts/answer/versions', { definition: chatPrompt('You are v2, terser.') });
  for (const name of ['bot', 'gated-bot', 'held-bot']) {
    expect(
      (
        await api('POST', `/api/releases/${name}/versions`, {
          definition: release(1),
          labels: ['production'],
        })
      ).status,
    ).toBe(201);
    expect((await api('POST', `/api/releases/${name}/versions`, { definition: release(2) })).status).toBe(
      201,
    );
  }
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await store?.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

/** Sends `users` users through `release:NAME` and scores each call with what `scoreOf(version)` gives. */
async function traffic(name: string, users: number, scoreOf: (version: number) => number) {
  const calls = [];
  for (let index = 0; index < users; index++) {
    const call = await ask(`release:${name}`, `user-${index}`);
    expect(call.status).toBe(200);
    calls.push({ user: `user-${index}`, ...call });
  }
  for (const call of calls) await spanOf(call.traceId); // scores group by the trace's release id
  const scores = calls.map((call) => ({
    traceId: call.traceId,
    name: 'helpful',
    value: scoreOf(call.version),
    source: 'online',
  }));
  expect((await api('POST', '/api/scores', { scores })).status).toBeLessThan(300);
  return calls;
}

/** The job's service has no handle on the server's router, which rereads running canaries every 2 s. */
async function untilServed(name: string, user: string, version: number) {
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await ask(`release:${name}`, user)).version === version) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${user} never came back to version ${version} of ${name}`);
}

describe('release references in the gateway', () => {
  it("call the release's pinned prompt with its model and chat parameters, linking the span to the release", async () => {
    const call = await ask('release:bot', 'ada');
    expect(call.status).toBe(200);
    expect(call.version).toBe(1);
    expect(call.sent.model).toBe('gpt-4o-mini'); // models.generator, not the prompt's gpt-4o
    expect(call.sent.temperature).toBe(0.3);
    expect(call.sent.top_k).toBeUndefined(); // not a chat field: stays in the release
    const span = await spanOf(call.traceId);
    expect(span.releaseId).toBe('bot@1');
    expect(span.promptName).toBe('answer');
    expect(span.promptVersion).toBe('1');
    expect(span.rawAttributes).toMatchObject({
      'sextant.release.id': 'bot@1',
      'sextant.gateway.release_reference': 'release:bot',
    });

    const pinned = await ask('release:bot@2', 'ada');
    expect(pinned.version).toBe(2);
    expect((await spanOf(pinned.traceId)).releaseId).toBe('bot@2');
  });

  it('answer bad references with errors that name the fix', async () => {
    const missing = await ask('release:nope@production', 'ada');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toMatch(/release 'nope' not found/);
    const label = await ask('release:bot@staging', 'ada');
    expect(label.status).toBe(404);
    expect(label.body.error?.message).toMatch(/no label 'staging'.*production=1/);
    const prompt = await ask('release:bot', 'ada', { 'x-sextant-release-prompt': 'greet' });
    expect(prompt.status).toBe(400);
    expect(prompt.body.error?.message).toMatch(/release bot@1 has no prompt 'greet'.*its prompts: answer/);
    const named = await ask('release:bot', 'ada', { 'x-sextant-release-prompt': 'answer' });
    expect(named.status).toBe(200);
    const model = await ask('release:bot', 'ada', { 'x-sextant-prompt-model': 'openai/gpt-4o' });
    expect(model.status).toBe(400);
    expect(model.body.error?.message).toMatch(/release:bot fixes its model/);
  });
});

describe('canaries on release labels', () => {
  it('split users sticky per user, record release and arm, and the job rolls a worse candidate back', async () => {
    const started = await api('POST', '/api/canaries', {
      release: 'bot',
      candidateVersion: 2,
      share: 0.5,
      score: 'helpful',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ targetType: 'release', name: 'bot', baselineVersion: 1 });
    const canaryId = started.body.id as string;

    const calls = await traffic('bot', 100, (version) => (version === 2 ? 0 : 1));
    const candidates = calls.filter((call) => call.version === 2);
    expect(candidates.length).toBeGreaterThan(30);
    expect(calls.length - candidates.length).toBeGreaterThan(30);
    const first = candidates[0]!;
    expect((await ask('release:bot', first.user)).version).toBe(2); // sticky
    const baselineCall = calls.find((call) => call.version === 1)!;
    expect((await ask('release:bot', baselineCall.user)).version).toBe(1);
    const span = await spanOf(first.traceId);
    expect(span.releaseId).toBe('bot@2');
    expect(span.rawAttributes).toMatchObject({
      'sextant.release.id': 'bot@2',
      'sextant.canary.id': canaryId,
      'sextant.canary.arm': 'candidate',
    });
    expect((await spanOf(baselineCall.traceId)).rawAttributes).toMatchObject({
      'sextant.release.id': 'bot@1',
      'sextant.canary.arm': 'baseline',
    });

    await runJob();
    const detail = await api('GET', `/api/canaries/${canaryId}`);
    expect(detail.body).toMatchObject({
      canary: { status: 'rolled_back' },
      decisions: [
        { decision: 'rollback', evidence: { baseline: { version: 1 }, candidate: { version: 2 } } },
      ],
    });
    const label = await api('GET', '/api/releases/bot?label=production');
    expect(label.body.version).toBe(1);
    await untilServed('bot', first.user, 1);
  });

  it("promote through the release label's gates: refused to start until the candidate passed them", async () => {
    expect((await api('PUT', '/api/releases/gated-bot/gates/production', { suites: ['smoke'] })).status).toBe(
      200,
    );
    const start = {
      release: 'gated-bot',
      candidateVersion: 2,
      share: 0.5,
      score: 'helpful',
      margin: 0.5,
    };
    const refused = await api('POST', '/api/canaries', start);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/'smoke' has no gate run.*A canary cannot override gates/);

    const run = await api('POST', '/api/gate-runs', {
      suite: 'smoke',
      release: { name: 'gated-bot', version: 2 },
      verdict: { status: 'passed', verdicts: [] },
      results: { suite: 'smoke', items: [] },
    });
    expect(run.status).toBe(201);
    const started = await api('POST', '/api/canaries', start);
    expect(started.status).toBe(201);

    await traffic('gated-bot', 80, () => 1);
    await runJob();
    expect((await api('GET', `/api/canaries/${started.body.id}`)).body).toMatchObject({
      canary: { status: 'promoted' },
    });
    expect((await api('GET', '/api/releases/gated-bot?label=production')).body.version).toBe(2);
    const promotions = await api('GET', '/api/releases/gated-bot/promotions');
    expect(promotions.body.promotions).toMatchObject([
      {
        label: 'production',
        fromVersion: 1,
        toVersion: 2,
        kind: 'canary',
        gateRunIds: [run.body.id],
        actor: expect.stringContaining(`canary ${started.body.id}`),
      },
    ]);
    await untilServed('gated-bot', 'user-0', 2);
  });

  it('hold a promotion that gates added mid-canary would refuse: the canary keeps running, the label stays', async () => {
    const started = await api('POST', '/api/canaries', {
      release: 'held-bot',
      candidateVersion: 2,
      share: 0.5,
      score: 'helpful',
      margin: 0.5,
    });
    expect(started.status).toBe(201);
    await api('PUT', '/api/releases/held-bot/gates/production', { suites: ['smoke'] });
    await traffic('held-bot', 80, () => 1);
    await runJob();
    const detail = await api('GET', `/api/canaries/${started.body.id}`);
    expect(detail.body).toMatchObject({
      canary: { status: 'running' },
      decisions: [{ decision: 'continue' }],
    });
    const [look] = detail.body.decisions as Array<{ evidence: { reason: string } }>;
    expect(look?.evidence.reason).toMatch(/held: .*'smoke' has no gate run.*A canary cannot override gates/);
    expect((await api('GET', '/api/releases/held-bot?label=production')).body.version).toBe(1);
    expect((await api('POST', `/api/canaries/${started.body.id}/stop`)).status).toBe(200);
  });
});
