import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contains, customEvaluator } from '@sextant/core/evaluators';
import { ProjectService, type RunningServer, startServer } from '@sextant/server';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRetrievedDocuments } from '../span-data.js';
import { withSpan } from '../with-span.js';
import { runExperiment } from './run-experiment.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-sdk-experiments-'));
const live = { endpoint: '', apiKey: '' };
let server: RunningServer;
let store: Store;

// biome-ignore lint/suspicious/noExplicitAny: the test reads JSON answers by the fields it checks.
async function api(method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${live.endpoint}${route}`, {
    method,
    headers: { authorization: `Bearer ${live.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}: ${await response.clone().text()}`).toBeLessThan(300);
  return response.json();
}

/** A small RAG chain: a retrieval step, then an answer that echoes the question's number. */
async function chain(input: unknown) {
  const question = String(input);
  if (question.includes('boom')) throw new Error('the retriever is down');
  const documents = await withSpan('retrieve', { kind: 'retrieval' }, async (span) => {
    const found = [{ id: 'doc-1', content: `notes on ${question}` }];
    setRetrievedDocuments(span, found);
    return found;
  });
  return `answer ${question.replace('question ', '')} from ${documents.length} document`;
}

const evaluators = [
  contains(),
  {
    evaluator: customEvaluator({
      name: 'retrieved-something',
      version: '1',
      evaluate: ({ output }) => Array.isArray(output) && output.length > 0,
    }),
    target: { kind: 'retrieval' as const, field: 'documents' as const },
  },
];

beforeAll(async () => {
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  const projects = new ProjectService(store);
  await projects.createProject('alpha');
  live.apiKey = (await projects.createApiKey('alpha', 'runner')).key;
  server = await startServer({ store, port: 0, logError: () => {} });
  live.endpoint = server.url;
  await api('POST', '/api/datasets', { name: 'qa' });
  const items = [1, 2, 3, 4, 5, 6].map((n) => ({
    id: `q${n}`,
    input: `question ${n}`,
    expectedOutput: `answer ${n}`,
  }));
  items.push({ id: 'q7', input: 'question boom', expectedOutput: 'answer boom' });
  await api('POST', '/api/datasets/qa/items', { items });
});
afterAll(async () => {
  await server.close();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('runExperiment against a live server', () => {
  it('runs every item and repeat as a linked trace, scores output and components, and records all', async () => {
    const progress: number[] = [];
    const result = await runExperiment({
      ...live,
      dataset: 'qa',
      name: 'rag v1',
      task: chain,
      evaluators,
      repeats: 2,
      concurrency: 3,
      release: { name: 'support-bot', version: 3 },
      onProgress: (update) => progress.push(update.done),
    });
    expect(result).toMatchObject({ runs: 14, skipped: 0, errors: 2 });
    expect(result.evaluationFailures).toEqual({ count: 0, examples: [] });
    expect(progress).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));

    const shown = await api('GET', `/api/experiments/${result.experiment.id}`);
    expect(shown.experiment).toMatchObject({
      status: 'completed',
      datasetVersion: 1,
      repeats: 2,
      itemCount: 7,
    });
    expect(shown.experiment.evaluators).toEqual([
      { name: 'contains', version: '1' },
      { name: 'retrieved-something', version: '1' },
    ]);
    const metric = (name: string) =>
      shown.summary.metrics.find((entry: { name: string }) => entry.name === name);
    // Six items answer correctly twice; the failing item has no scores, so it is not a unit.
    expect(metric('contains')).toMatchObject({ count: 12, items: 6, passRate: { estimate: 1, total: 6 } });
    expect(metric('retrieved-something')).toMatchObject({ count: 12, passRate: { estimate: 1 } });
    const boom = shown.summary.itemSummaries.find((item: { itemId: string }) => item.itemId === 'q7');
    expect(boom.runs.map((run: { error: string }) => run.error)).toEqual([
      'Error: the retriever is down',
      'Error: the retriever is down',
    ]);

    // Each run is a stored trace carrying the experiment's attributes and the release id.
    const run = shown.summary.itemSummaries[0].runs[1];
    const trace = await api('GET', `/api/traces/${run.traceId}`);
    const root = trace.tree[0].span;
    expect(root.rawAttributes).toMatchObject({
      'sextant.experiment.id': result.experiment.id,
      'sextant.experiment.item_id': shown.summary.itemSummaries[0].itemId,
      'sextant.experiment.repeat': 1,
    });
    expect(root.releaseId).toBe('support-bot@3');
    expect(trace.tree[0].children[0].span.kind).toBe('retrieval');
    expect(trace.scores.map((score: { name: string }) => score.name).sort()).toEqual([
      'contains',
      'retrieved-something',
    ]);
    expect(trace.scores[0].spanId).toBe(root.spanId);
  });

  it('resumes after a crash without running finished items again', async () => {
    const controller = new AbortController();
    let calls = 0;
    const crashed = runExperiment({
      ...live,
      dataset: 'qa',
      id: 'crashy',
      task: async (input) => {
        calls += 1;
        if (calls === 5) controller.abort(new Error('killed'));
        return chain(input);
      },
      evaluators,
      repeats: 2,
      concurrency: 1,
      batchSize: 2,
      signal: controller.signal,
    });
    await expect(crashed).rejects.toThrow('killed');
    // Two full batches reached the server; the fifth run was still in the unsent batch.
    const before = (await api('GET', '/api/experiments/crashy/finished')).runs as {
      itemId: string;
      repeat: number;
    }[];
    expect(before).toHaveLength(4);

    const ran: string[] = [];
    const resumed = await runExperiment({
      ...live,
      dataset: 'qa',
      resume: 'crashy',
      task: (input, { item, repeat }) => {
        ran.push(`${item.id}#${repeat}`);
        return chain(input);
      },
      evaluators,
      concurrency: 4,
    });
    expect(resumed).toMatchObject({ runs: 10, skipped: 4 });
    expect(ran).toHaveLength(10);
    for (const finished of before) expect(ran).not.toContain(`${finished.itemId}#${finished.repeat}`);
    const shown = await api('GET', '/api/experiments/crashy');
    expect(shown.experiment.status).toBe('completed');
    expect(shown.summary.runs).toBe(14);
  });

  it('resumes after its process is killed (SIGKILL) midway, running only what was not recorded', async () => {
    const built = (file: string) => path.resolve(here, '../../..', file);
    const sdk = built('sdk/dist/index.js');
    const evaluators = built('core/dist/evaluators/index.js');
    // The runner process imports the built packages, as a user's script would (CI builds before testing).
    if (!fs.existsSync(sdk) || !fs.existsSync(evaluators)) throw new Error('build first: npm run build');
    const child = spawn(process.execPath, [
      path.join(here, '__fixtures__/slow-experiment.mjs'),
      sdk,
      evaluators,
      live.endpoint,
      live.apiKey,
    ]);
    const finished = async () =>
      (await fetch(`${live.endpoint}/api/experiments/killed/finished`, {
        headers: { authorization: `Bearer ${live.apiKey}` },
      }).then((response) => (response.ok ? response.json() : { runs: [] }))) as {
        runs: { itemId: string; repeat: number }[];
      };
    await expect
      .poll(async () => (await finished()).runs.length, { timeout: 20_000, interval: 50 })
      .toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = (await finished()).runs;
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(14);

    const ran: string[] = [];
    const resumed = await runExperiment({
      ...live,
      dataset: 'qa',
      resume: 'killed',
      task: (input, { item, repeat }) => {
        ran.push(`${item.id}#${repeat}`);
        return chain(input);
      },
      evaluators: [contains()],
      concurrency: 4,
    });
    expect(resumed).toMatchObject({ runs: 14 - before.length, skipped: before.length });
    for (const done of before) expect(ran).not.toContain(`${done.itemId}#${done.repeat}`);
    expect(new Set(ran).size).toBe(14 - before.length);
    const shown = await api('GET', '/api/experiments/killed');
    expect(shown.summary.runs).toBe(14);
    expect(shown.experiment.status).toBe('completed');
  });

  it('spaces calls to the requests-per-minute limit', async () => {
    const starts: number[] = [];
    await runExperiment({
      ...live,
      dataset: 'qa',
      task: (input) => {
        starts.push(performance.now());
        return chain(input);
      },
      evaluators: [contains()],
      concurrency: 7,
      rateLimit: { requestsPerMinute: 1200 },
    });
    expect(starts).toHaveLength(7);
    // 1200 per minute is one call every 50 ms: seven calls span at least 300 ms despite 7 workers.
    expect(starts[6]! - starts[0]!).toBeGreaterThanOrEqual(290);
  });

  it('names the dataset when it does not exist', async () => {
    await expect(runExperiment({ ...live, dataset: 'nope', task: chain, evaluators: [] })).rejects.toThrow(
      /dataset 'nope' not found/,
    );
  });
});
