import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelCard } from '@sextant/core';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestModel } from '../../../providers/src/test-support/test-model.js';
import { seedCatalogIfEmpty } from '../../../server/src/services/model-catalog-seed.js';
import {
  type LoopbackUpstream,
  startLoopbackUpstream,
} from '../../../server/src/test-support/loopback-upstream.js';
import { runSextant } from '../test-support/run-sextant.js';

const live = { url: '', key: '' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-experiments-cli-'));
let server: RunningServer;
let store: Store;
let upstream: LoopbackUpstream;

const sextant = (...args: string[]) => runSextant([...args, '--url', live.url, '--api-key', live.key]);

async function api(method: string, route: string, body?: unknown) {
  const response = await fetch(`${live.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

beforeAll(async () => {
  store = openSqliteStore(path.join(root, 'server.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.key = (await projects.createApiKey('alpha', 'ci')).key;
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
  live.url = server.url;
  await api('POST', '/api/prompts/support-answer/versions', {
    definition: {
      type: 'chat',
      messages: [{ role: 'user', content: '{{question}}' }],
      config: { model: 'openai/gpt-4o-mini' },
    },
    labels: ['production'],
  });
  await api('POST', '/api/releases/bot/versions', {
    definition: { prompts: { 'support-answer': 1 } },
    labels: ['production'],
  });
  await api('POST', '/api/datasets', { name: 'faq' });
  // The recorded answer is "Refunds are issued to the original payment method within 5 business days of approval."
  await api('POST', '/api/datasets/faq/items', {
    items: [
      {
        id: 'refund-time',
        input: { question: 'How long do refunds take?' },
        expectedOutput: '5 business days',
      },
      {
        id: 'refund-where',
        input: { question: 'Where does my refund go?' },
        expectedOutput: 'original payment',
      },
      { id: 'store-credit', input: { question: 'Do I get store credit?' }, expectedOutput: 'store credit' },
    ],
  });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
  await store.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('sextant experiments', () => {
  let releaseRun = '';

  it('runs a release through the gateway with repeats, a progress bar and a table of intervals', async () => {
    const before = upstream.requests.length;
    const run = await sextant(
      'experiments',
      'run',
      '--dataset',
      'faq',
      '--release',
      'bot@production',
      '--evaluator',
      'contains',
      '--evaluator',
      'regex:pattern=\\d+ business days',
      '--repeats',
      '2',
      '--concurrency',
      '3',
      '--name',
      'bot prod',
    );
    expect(run.stderr).toMatch(/experiment exp-\S+ 6\/6 .*\/s in \d/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/bot prod \(exp-\S+\) — completed/);
    expect(run.stdout).toMatch(/dataset faq@1, bot@1, 2 repeat\(s\)/);
    expect(run.stdout).toMatch(/6\/6 runs, 0 errors/);
    // Two of three items contain their expected phrase on both repeats: 66.7%.
    expect(run.stdout).toMatch(
      /contains\s+0\.667\s+\[[\d.]+, [\d.]+\]\s+66\.7%\s+\[\d+\.\d%, \d+\.\d%\]\s+3\s+0/,
    );
    expect(run.stdout).toMatch(/regex\s+1\.000/);
    expect(upstream.requests.length - before).toBe(6);
    releaseRun = /\((exp-\S+)\)/.exec(run.stdout)![1]!;

    // Every run is a trace: the runner's root span with the gateway's llm call inside it.
    const shown = (await api('GET', `/api/experiments/${releaseRun}`)) as {
      experiment: { release: unknown; promptVersions: unknown };
      summary: { itemSummaries: { runs: { traceId: string }[] }[] };
    };
    expect(shown.experiment).toMatchObject({
      release: { name: 'bot', version: 1 },
      promptVersions: [{ name: 'support-answer', version: 1 }],
    });
    const traceId = shown.summary.itemSummaries[0]!.runs[0]!.traceId;
    let spans = (await store.getTrace('alpha', traceId))?.spans ?? [];
    for (let attempt = 0; attempt < 50 && spans.length < 2; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      spans = (await store.getTrace('alpha', traceId))?.spans ?? [];
    }
    const llm = spans.find((span) => span.kind === 'llm');
    expect(llm).toMatchObject({ promptName: 'support-answer', promptVersion: '1', model: 'gpt-4o-mini' });
    expect(spans.find((span) => span.spanId === llm?.parentSpanId)?.rawAttributes).toMatchObject({
      'sextant.experiment.id': releaseRun,
    });
  });

  it('lists, shows and compares experiments in readable tables', async () => {
    const direct = await sextant(
      'experiments',
      'run',
      '--dataset',
      'faq',
      '--model',
      'openai/gpt-4o-mini',
      '--evaluator',
      'contains',
      '--name',
      'bare model',
    );
    expect(direct.code, direct.stderr).toBe(0);
    const directRun = /\((exp-\S+)\)/.exec(direct.stdout)![1]!;
    const list = await sextant('experiments', 'list');
    expect(list.stdout).toMatch(/ID\s+NAME\s+DATASET\s+TARGET\s+REPEATS\s+STATUS/);
    expect(list.stdout).toMatch(new RegExp(`${releaseRun}\\s+bot prod\\s+faq@1\\s+bot@1\\s+2\\s+completed`));
    const show = await sextant('experiments', 'show', releaseRun, '--items', '2');
    expect(show.stdout).toMatch(/store-credit\s+0\.000\s+1\.000\s+Refunds are issued/);
    expect(show.stdout).toMatch(/… 1 more items/);
    const compare = await sextant('experiments', 'compare', releaseRun, directRun);
    expect(compare.code, compare.stderr).toBe(0);
    // The same recorded answer on both sides: no difference, p = 1, no discordant pairs.
    expect(compare.stdout).toMatch(
      /contains\s+0\.667\s+0\.667\s+\+0\.000\s+\[\+0\.000, \+0\.000\]\s+1\.000\s+0\/0\s+1\.000/,
    );
  });

  it('shows a first page of items, every item with --all, and only flaky ones with --flaky', async () => {
    // Three items by id: 'refund-time' passes, 'refund-where' is flaky, 'store-credit' fails.
    const outcomes: Record<string, number[]> = {
      'refund-time': [1, 1],
      'refund-where': [1, 0],
      'store-credit': [0, 0],
    };
    await api('POST', '/api/experiments', {
      id: 'paged',
      name: 'paged',
      datasetName: 'faq',
      repeats: 2,
      evaluators: [{ name: 'contains', version: '1' }],
    });
    const runs = Object.entries(outcomes).flatMap(([itemId, results], index) =>
      results.map((outcome, repeat) => ({
        itemId,
        repeat,
        traceId: `7${index}${repeat}`.padStart(32, '0'),
        output: outcome ? 'Refunds are issued' : 'no idea',
        latencyMs: 10,
      })),
    );
    await api('POST', '/api/experiments/paged/results', {
      runs,
      scores: runs.map((run) => ({
        traceId: run.traceId,
        name: 'contains',
        value: outcomes[run.itemId]![run.repeat]!,
        passed: outcomes[run.itemId]![run.repeat] === 1,
      })),
    });
    const rows = (stdout: string) =>
      [...stdout.matchAll(/^(refund-time|refund-where|store-credit)\s/gm)].map((row) => row[1]);

    // The first two items by id, ranked flaky first; the failing third item was not fetched.
    const firstPage = await sextant('experiments', 'show', 'paged', '--items-limit', '2');
    expect(firstPage.code, firstPage.stderr).toBe(0);
    expect(rows(firstPage.stdout)).toEqual(['refund-where', 'refund-time']);
    expect(firstPage.stdout).toMatch(/contains\s+0\.500\s+.*\s+3\s+1\n/);
    expect(firstPage.stdout).toContain(
      'showing 2 of 3 items, flaky and lowest first among the first 2 by item id; --items N lists more, --items-limit N (up to 1000) ranks more, --all ranks every item',
    );
    // --all follows every page (one item each here) and ranks them all.
    const all = await sextant('experiments', 'show', 'paged', '--all', '--items-limit', '1', '--items', '2');
    expect(rows(all.stdout)).toEqual(['refund-where', 'store-credit']);
    expect(all.stdout).toMatch(/… 1 more items \(--items N\)$/m);
    const json = JSON.parse(
      (await sextant('experiments', 'show', 'paged', '--all', '--items-limit', '1', '--json')).stdout,
    );
    expect(json.summary.itemSummaries.map((item: { itemId: string }) => item.itemId)).toEqual([
      'refund-time',
      'refund-where',
      'store-credit',
    ]);
    expect(json.summary).toMatchObject({ itemsTotal: 3, nextItemsCursor: null, runs: 6 });
    const flaky = await sextant('experiments', 'show', 'paged', '--flaky');
    expect(rows(flaky.stdout)).toEqual(['refund-where']);
    expect(flaky.stdout).not.toMatch(/more flaky items|showing/);
    expect((await sextant('experiments', 'show', releaseRun, '--flaky')).stdout).toMatch(/^no flaky items$/m);

    const tooMany = await sextant('experiments', 'show', 'paged', '--items-limit', '1001');
    expect(tooMany).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--items-limit must be a whole number from 1 to 1000; got '1001'"),
    });
    const help = await sextant('experiments', 'show', '--help');
    expect(help.stdout).toMatch(/--items-limit <n>\s+items to fetch, by item id, and rank/);
    expect(help.stdout).toMatch(/--all\s+fetch every item, page by page/);
    expect(help.stdout).toMatch(/--flaky\s+only items whose repeats disagree/);
  });

  it('refuses bad evaluators and missing targets with the fix', async () => {
    const unknown = await sextant(
      'experiments',
      'run',
      '--dataset',
      'faq',
      '--model',
      'x',
      '--evaluator',
      'contain',
    );
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/unknown evaluator 'contain' \(did you mean 'contains'\?\)/),
    });
    const noTarget = await sextant('experiments', 'run', '--dataset', 'faq', '--evaluator', 'contains');
    expect(noTarget.stderr).toMatch(/--release NAME@LABEL, --prompt NAME@LABEL, or --model MODEL/);
    const badOption = await sextant(
      'experiments',
      'run',
      '--dataset',
      'faq',
      '--model',
      'x',
      '--evaluator',
      'levenshtein:0.8',
    );
    expect(badOption.stderr).toMatch(/option '0\.8' is not key=value/);
    const repeats = await sextant('experiments', 'run', '--dataset', 'faq', '--model', 'x', '--repeats', '0');
    expect(repeats.code).not.toBe(0);
  });

  it('runs the generation path on the local GGUF model', async () => {
    await api('POST', '/api/models', {
      type: 'gguf',
      file: findTestModel(),
      id: 'local/stories260k',
      threads: 1,
    });
    await api('POST', '/api/datasets', { name: 'stories' });
    await api('POST', '/api/datasets/stories/items', {
      items: [
        { id: 's1', input: 'Once upon a time, there was a little girl named Lily.' },
        { id: 's2', input: 'One day, a boy went to the park.' },
      ],
    });
    const run = await sextant(
      'experiments',
      'run',
      '--dataset',
      'stories',
      '--model',
      'local/stories260k',
      '--evaluator',
      'regex:pattern=[a-z]+',
      '--evaluator',
      'json-valid',
      '--concurrency',
      '1',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2\/2 runs, 0 errors/);
    // A tiny story model writes words, never JSON.
    expect(run.stdout).toMatch(/regex\s+1\.000/);
    expect(run.stdout).toMatch(/json-valid\s+0\.000/);
  });
});
