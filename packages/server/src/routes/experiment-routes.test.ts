import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

const trace = (experiment: number, item: string, repeat: number) =>
  `${experiment}${item.charCodeAt(0).toString(16)}${repeat}`.padStart(32, '0');

/** A batch of runs with a `contains` pass/fail score, one outcome per item. */
const results = (experiment: number, outcomes: Record<string, number>) => ({
  runs: Object.keys(outcomes).map((item) => ({
    itemId: item,
    repeat: 0,
    traceId: trace(experiment, item, 0),
    output: `answer ${item}`,
    latencyMs: 5,
  })),
  scores: Object.entries(outcomes).map(([item, outcome]) => ({
    id: `${experiment}-${item}`,
    traceId: trace(experiment, item, 0),
    name: 'contains',
    value: outcome,
    passed: outcome === 1,
    source: 'api',
  })),
});

describe('experiment routes', () => {
  let live: LiveServer;
  beforeAll(async () => {
    live = await startLiveServer();
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'qa' });
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, input: `question ${id}` }));
    await request(live, live.keyA, 'POST', '/api/datasets/qa/items', { items });
  });
  afterAll(() => live.stop());

  const start = async (id: string) =>
    request(live, live.keyA, 'POST', '/api/experiments', {
      id,
      name: id,
      datasetName: 'qa',
      repeats: 1,
      evaluators: [{ name: 'contains', version: '1' }],
    });

  it('starts on the newest dataset version, records results, resumes and summarises', async () => {
    const started = await start('base');
    expect(started.status).toBe(201);
    expect((started.body as { experiment: unknown }).experiment).toMatchObject({
      datasetVersion: 1,
      itemCount: 4,
      status: 'running',
    });
    expect((await start('base')).status).toBe(409);
    const batch = results(1, { a: 0, b: 0, c: 0, d: 1 });
    const recorded = await request(live, live.keyA, 'POST', '/api/experiments/base/results', batch);
    expect(recorded.body).toEqual({ runs: 4, scores: 4 });
    // A retried batch writes nothing new.
    expect((await request(live, live.keyA, 'POST', '/api/experiments/base/results', batch)).body).toEqual({
      runs: 4,
      scores: 0,
    });
    const finished = (await request(live, live.keyA, 'GET', '/api/experiments/base/finished')).body as {
      runs: unknown[];
    };
    expect(finished.runs).toHaveLength(4);
    await request(live, live.keyA, 'PATCH', '/api/experiments/base', { status: 'completed' });
    const shown = (await request(live, live.keyA, 'GET', '/api/experiments/base')).body as {
      experiment: { status: string };
      summary: { metrics: { name: string; passRate: { estimate: number; total: number } }[] };
    };
    expect(shown.experiment.status).toBe('completed');
    expect(shown.summary.metrics[0]).toMatchObject({
      name: 'contains',
      passRate: { estimate: 0.25, total: 4 },
    });
    // Scores recorded with the experiment are experiment scores, whatever the caller said.
    const scores = (await request(live, live.keyA, 'GET', '/api/scores?experimentId=base')).body as {
      scores: { source: string }[];
    };
    expect(scores.scores.map((score) => score.source)).toEqual(Array(4).fill('experiment'));
  });

  it('compares two experiments item by item', async () => {
    await start('cand');
    await request(
      live,
      live.keyA,
      'POST',
      '/api/experiments/cand/results',
      results(2, { a: 1, b: 1, c: 1, d: 1 }),
    );
    const compared = await request(
      live,
      live.keyA,
      'GET',
      '/api/experiments/compare?baseline=base&candidate=cand',
    );
    expect(compared.status).toBe(200);
    const body = compared.body as {
      comparison: {
        items: number;
        metrics: {
          meanDifference: number;
          mcnemar: { candidateOnly: number; pValue: { twoSided: number } };
        }[];
        itemComparisons: { itemId: string; deltas: Record<string, number> }[];
      };
    };
    expect(body.comparison.items).toBe(4);
    expect(body.comparison.metrics[0]?.meanDifference).toBe(0.75);
    expect(body.comparison.metrics[0]?.mcnemar?.candidateOnly).toBe(3);
    expect(body.comparison.metrics[0]?.mcnemar?.pValue.twoSided).toBeCloseTo(0.25, 10);
    expect(body.comparison.itemComparisons.find((item) => item.itemId === 'd')?.deltas).toEqual({
      contains: 0,
    });
  });

  it('refuses bad input with messages that name the value and the fix', async () => {
    const noDataset = await request(live, live.keyA, 'POST', '/api/experiments', {
      name: 'x',
      datasetName: 'missing',
      repeats: 1,
      evaluators: [],
    });
    expect(noDataset.status).toBe(404);
    expect(JSON.stringify(noDataset.body)).toContain("dataset 'missing' not found");
    const badVersion = await request(live, live.keyA, 'POST', '/api/experiments', {
      name: 'x',
      datasetName: 'qa',
      datasetVersion: 9,
      repeats: 1,
      evaluators: [],
    });
    expect(JSON.stringify(badVersion.body)).toContain('has no version 9; its versions are 1');
    const badRun = await request(live, live.keyA, 'POST', '/api/experiments/base/results', {
      runs: [{ itemId: 'a', repeat: 0, traceId: 'xyz', latencyMs: 1 }],
    });
    expect(badRun.status).toBe(400);
    expect(JSON.stringify(badRun.body)).toContain('runs.0.traceId');
    const self = await request(
      live,
      live.keyA,
      'GET',
      '/api/experiments/compare?baseline=base&candidate=base',
    );
    expect(JSON.stringify(self.body)).toContain('pick two experiments');
    expect((await request(live, live.keyA, 'GET', '/api/experiments/nope')).status).toBe(404);
    const list = (await request(live, live.keyA, 'GET', '/api/experiments')).body as {
      experiments: unknown[];
    };
    expect(list.experiments).toHaveLength(2);
  });
});
