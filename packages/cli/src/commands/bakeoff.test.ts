import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelCard } from '@sextant/core';
import { paretoFront } from '@sextant/core/bakeoff';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../providers/src/test-support/test-model.js';
import { seedCatalogIfEmpty } from '../../../server/src/services/model-catalog-seed.js';
import {
  type LoopbackUpstream,
  startLoopbackUpstream,
} from '../../../server/src/test-support/loopback-upstream.js';
import type { BakeoffJson } from '../bakeoff/format-bakeoff.js';
import { runSextant } from '../test-support/run-sextant.js';

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-bakeoff-cli-'));
let server: RunningServer;
let store: Store;
let upstream: LoopbackUpstream;

const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);
const api = async <T>(method: string, route: string, body?: unknown) => {
  const response = await fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
};

// Three real contenders: OpenAI's gpt-4o-mini (its recorded reply replayed by a loopback server, priced
// from the catalog), the local GGUF model, and the built-in extractive baseline, all through the gateway.
const refund = 'Refunds are issued to the original payment method within 5 business days of approval.';
beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
  upstream = await startLoopbackUpstream();
  await seedCatalogIfEmpty(store);
  const card = (await store.listModels('alpha')).find(
    (model) => model.id === 'openai/gpt-4o-mini',
  ) as ModelCard;
  await store.putModels('alpha', [{ ...card, access: { ...card.access, baseUrl: `${upstream.url}/v1` } }]);
  server = await startServer({
    store,
    port: 0,
    logError: () => {},
    gateway: { environment: { OPENAI_API_KEY: 'sk-test' } },
  });
  live.url = server.url;
  await api('POST', '/api/models', {
    type: 'gguf',
    file: findTestModel(),
    id: 'local/stories260k',
    threads: 1,
  });
  await api('POST', '/api/datasets', { name: 'refunds' });
  await api('POST', '/api/datasets/refunds/items', {
    items: [
      { id: 'r1', input: { question: 'How are refunds paid?' }, expectedOutput: refund },
      {
        id: 'r2',
        input: { question: 'When do refunds arrive?' },
        expectedOutput: 'Within 5 business days of approval.',
      },
      {
        id: 'r3',
        input: { question: 'Once upon a time, there was a little girl named Lily.' },
        expectedOutput: 'She loved to play outside.',
      },
    ],
  });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant models bakeoff', () => {
  it('runs every model on the dataset and reports quality with intervals, cost, latency and the Pareto front', async () => {
    const models = ['openai/gpt-4o-mini', 'local/stories260k', 'sextant/extractive-baseline'];
    const run = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      models.join(','),
      '--evaluators',
      'token-f1,exact-match',
      '--repeats',
      '2',
      '--max-tokens',
      '16',
      '--json',
    );
    expect(run.stderr).toMatch(/openai\/gpt-4o-mini 6\/6 .* in /);
    expect(run.code, run.stderr).toBe(0);
    const bakeoff = JSON.parse(run.stdout) as BakeoffJson;
    expect(bakeoff).toMatchObject({
      datasetName: 'refunds',
      datasetVersion: 1,
      repeats: 2,
      qualityMetric: 'token-f1',
    });
    expect(bakeoff.contenders.map((contender) => contender.model)).toEqual(models);
    for (const contender of bakeoff.contenders) {
      expect(contender, contender.model).toMatchObject({ runs: 6, errors: 0, items: 3 });
      const quality = contender.quality!;
      expect(quality.lower).toBeLessThanOrEqual(quality.estimate);
      expect(quality.upper).toBeGreaterThanOrEqual(quality.estimate);
      expect(contender.latencyMs!.p95).toBeGreaterThan(0);
    }
    const [openai, gguf, baseline] = bakeoff.contenders;
    // The recorded reply is the refund sentence itself: F1 1 on r1, partial on r2, none on r3.
    expect(openai!.quality!.estimate).toBeGreaterThan(0.4);
    // Catalog prices of gpt-4o-mini ($0.15 / $0.60 per million tokens) on the recorded usage (42 in, 17 out).
    expect(openai!.costPerRun).toBeCloseTo((42 * 0.15 + 17 * 0.6) / 1e6, 12);
    expect(gguf!.costPerRun).toBe(0);
    expect(baseline!.costPerRun).toBe(0);
    const front = paretoFront(
      bakeoff.contenders.map((contender) => ({
        id: contender.model,
        quality: contender.quality!.estimate,
        cost: contender.costPerRun,
      })),
    );
    expect(
      bakeoff.contenders.filter((contender) => contender.onFront).map((contender) => contender.model),
    ).toEqual(models.filter((model) => front.has(model)));
    expect(front.has('openai/gpt-4o-mini')).toBe(
      openai!.quality!.estimate > Math.max(gguf!.quality!.estimate, baseline!.quality!.estimate),
    );

    // Stored: the console lists it, and every run is a trace of its experiment.
    const listed = await api<{ bakeoffs: { id: string; models: string[] }[] }>('GET', '/api/bakeoffs');
    expect(listed.bakeoffs[0]).toMatchObject({ id: bakeoff.id, models });
    const experiment = await api<{
      summary: { itemSummaries: { runs: { traceId: string; scores: object }[] }[] };
    }>('GET', `/api/experiments/${openai!.experimentId}`);
    const runs = experiment.summary.itemSummaries.flatMap((item) => item.runs);
    expect(runs).toHaveLength(6);
    expect(Object.keys(runs[0]!.scores).sort()).toEqual(['exact-match', 'token-f1']);
    const calls = upstream.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(calls).toHaveLength(6);
    expect(calls.map((call) => call.body.messages)).toContainEqual([
      { role: 'user', content: 'How are refunds paid?' },
    ]);
  }, 120_000);

  it('prints a table with the front marked', async () => {
    const listed = await api<{ bakeoffs: { id: string }[] }>('GET', '/api/bakeoffs');
    const run = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      'openai/gpt-4o-mini',
      '--evaluators',
      'token-f1',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^bake-off bakeoff-\d{8}-\d{6}-[0-9a-f]{6}: refunds v1, 1 repeat\n/);
    expect(run.stdout).toMatch(/MODEL\s+TOKEN-F1 \[95% CI\]\s+PASS RATE \[95% CI\]\s+COST\/RUN/);
    expect(run.stdout).toMatch(/\* openai\/gpt-4o-mini\s+0\.\d{3} \[0\.\d{3}, [01]\.\d{3}\]/);
    expect((await api<{ bakeoffs: unknown[] }>('GET', '/api/bakeoffs')).bakeoffs).toHaveLength(
      listed.bakeoffs.length + 1,
    );
  });

  it("renders a registry prompt with each item's input and sends it to each model", async () => {
    await api('POST', '/api/prompts/refund-answer/versions', {
      definition: { type: 'chat', messages: [{ role: 'user', content: 'Answer briefly: {{question}}' }] },
    });
    const before = upstream.requests.length;
    const run = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      'openai/gpt-4o-mini',
      '--prompt',
      'refund-answer@1',
      '--evaluators',
      'rouge-l',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const sent = upstream.requests.slice(before).map((request) => request.body.messages);
    expect(sent).toContainEqual([{ role: 'user', content: 'Answer briefly: How are refunds paid?' }]);
    expect(JSON.parse(run.stdout)).toMatchObject({ prompt: 'refund-answer@1', qualityMetric: 'rouge-l' });
  });

  it('says why runs failed, and fails when no run of any model succeeded', async () => {
    const run = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      'openai/gpt-4o-mini',
      '--prompt',
      'refund-answer',
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /openai\/gpt-4o-mini: 3 of 3 runs failed; first: .*prompt 'refund-answer' has no label 'production'/,
    );
    expect(run.stderr).toMatch(/every run failed/);
  });

  it('names bad input and the fix', async () => {
    const unknown = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      'a',
      '--evaluators',
      'token-f2',
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown evaluator 'token-f2' \(did you mean 'token-f1'\?\)/);
    const judge = await sextant(
      'models',
      'bakeoff',
      '--dataset',
      'refunds',
      '--models',
      'a',
      '--evaluators',
      'faithfulness',
    );
    expect(judge.stderr).toMatch(/needs a judge model: pass --judge MODEL/);
    const dataset = await sextant('models', 'bakeoff', '--dataset', 'nope', '--models', 'a');
    expect(dataset.code).not.toBe(0);
    expect(dataset.stderr).toMatch(/nope/);
  });
});
