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

describe('experiment item paging', () => {
  let live: LiveServer;
  const ids = Array.from({ length: 150 }, (_, index) => `q${index}`);
  // Two repeats: the first passes on every third item, the second on every fifth; they disagree elsewhere.
  const outcome = (index: number, repeat: number) => Number(index % (repeat === 0 ? 3 : 5) === 0);
  const flakyIds = ids.filter((_, index) => outcome(index, 0) !== outcome(index, 1));

  interface Shown {
    summary: {
      runs: number;
      items: number;
      metrics: { name: string; flakyItems: number; passRate: { total: number } }[];
      itemSummaries: { itemId: string; runs: { repeat: number; output: string }[] }[];
      itemsTotal: number;
      nextItemsCursor: string | null;
    };
  }
  const show = async (query = '') => request(live, live.keyA, 'GET', `/api/experiments/big${query}`);
  const shown = async (query = '') => {
    const answer = await show(query);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as Shown;
  };
  const withoutItems = ({ itemSummaries: _items, nextItemsCursor: _cursor, ...rest }: Shown['summary']) =>
    rest;

  /** Follows nextItemsCursor to the last page. */
  const walk = async (query: Record<string, string>) => {
    const pages: Shown['summary'][] = [];
    let cursor: string | null = null;
    do {
      const search: URLSearchParams = new URLSearchParams(cursor ? { ...query, itemsCursor: cursor } : query);
      const page: Shown['summary'] = (await shown(`?${search}`)).summary;
      pages.push(page);
      cursor = page.nextItemsCursor;
    } while (cursor);
    return pages;
  };

  beforeAll(async () => {
    live = await startLiveServer();
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'big' });
    const items = ids.map((id) => ({ id, input: `question ${id}` }));
    await request(live, live.keyA, 'POST', '/api/datasets/big/items', { items });
    await request(live, live.keyA, 'POST', '/api/experiments', {
      id: 'big',
      name: 'big',
      datasetName: 'big',
      repeats: 2,
      evaluators: [{ name: 'contains', version: '1' }],
    });
    // Posted newest item first, so neither insertion nor numeric order is the item id order.
    const runs = ids.flatMap((id, index) =>
      [0, 1].map((repeat) => ({
        itemId: id,
        repeat,
        traceId: `9${index.toString(16).padStart(4, '0')}${repeat}`.padStart(32, '0'),
        output: `answer ${id} #${repeat}`,
        latencyMs: index,
      })),
    );
    const scores = runs.map((run, position) => ({
      traceId: run.traceId,
      name: 'contains',
      value: outcome(Math.floor(position / 2), run.repeat),
      passed: outcome(Math.floor(position / 2), run.repeat) === 1,
    }));
    const recorded = await request(live, live.keyA, 'POST', '/api/experiments/big/results', {
      runs: runs.reverse(),
      scores,
    });
    expect(recorded.body).toEqual({ runs: 300, scores: 300 });
  });
  afterAll(() => live.stop());

  it('lists 100 items by default, by item id, with aggregates over all 150', async () => {
    const { summary } = await shown();
    expect(summary.itemSummaries.map((item) => item.itemId)).toEqual([...ids].sort().slice(0, 100));
    expect(summary.itemsTotal).toBe(150);
    expect(summary.nextItemsCursor).toEqual(expect.any(String));
    expect(summary.runs).toBe(300);
    expect(summary.items).toBe(150);
    expect(summary.metrics[0]).toMatchObject({ name: 'contains', flakyItems: flakyIds.length });
    expect(summary.metrics[0]?.passRate.total).toBe(150);
    expect(summary.itemSummaries[0]?.runs.map((run) => run.output)).toEqual([
      `answer ${summary.itemSummaries[0]?.itemId} #0`,
      `answer ${summary.itemSummaries[0]?.itemId} #1`,
    ]);
  });

  it('walks every item exactly once across pages, with the same aggregates on every page', async () => {
    const everything = (await shown('?itemsLimit=1000')).summary;
    expect(everything.itemSummaries).toHaveLength(150);
    expect(everything.nextItemsCursor).toBeNull();
    const pages = await walk({ itemsLimit: '7' });
    expect(pages).toHaveLength(Math.ceil(150 / 7));
    const walked = pages.flatMap((page) => page.itemSummaries);
    expect(walked.map((item) => item.itemId)).toEqual([...ids].sort());
    expect(walked).toEqual(everything.itemSummaries);
    for (const page of pages) {
      expect(page.itemSummaries.length).toBeLessThanOrEqual(7);
      expect(withoutItems(page)).toEqual(withoutItems(everything));
    }
  });

  it('pages only the flaky items with itemsFilter=flaky', async () => {
    const pages = await walk({ itemsLimit: '10', itemsFilter: 'flaky' });
    expect(pages.flatMap((page) => page.itemSummaries.map((item) => item.itemId))).toEqual(
      [...flakyIds].sort(),
    );
    expect(pages[0]?.itemsTotal).toBe(flakyIds.length);
    expect(pages[0]?.items).toBe(150);
  });

  it('refuses a page size out of range and a cursor it did not give, in the error envelope', async () => {
    for (const limit of ['0', '1001', '2.5', 'ten', '-1']) {
      const answer = await show(`?itemsLimit=${limit}`);
      expect(answer.status, limit).toBe(400);
      expect(answer.body).toEqual({
        error: {
          code: 'bad_request',
          message: 'itemsLimit: must be a whole number from 1 to 1000',
        },
      });
    }
    const datasetCursor = (
      (await request(live, live.keyA, 'GET', '/api/datasets/big/items?limit=1')).body as {
        nextCursor: string;
      }
    ).nextCursor;
    for (const cursor of ['garbage', datasetCursor, Buffer.from('["item"]').toString('base64url')]) {
      const answer = await show(`?itemsCursor=${encodeURIComponent(cursor)}`);
      expect(answer.status, cursor).toBe(400);
      expect(answer.body).toMatchObject({
        error: {
          code: 'bad_request',
          message: expect.stringMatching(/^itemsCursor '.*' is not a cursor this API returned; pass/),
        },
      });
    }
  });

  it('documents the paging parameters and fields in the OpenAPI document', async () => {
    const document = (await (await fetch(`${live.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters: { name: string; in: string; schema: object }[] } }>;
      components: { schemas: Record<string, { properties: Record<string, object> }> };
    };
    const parameters = document.paths['/api/experiments/{id}']?.get?.parameters ?? [];
    expect(parameters.find((parameter) => parameter.name === 'itemsLimit')).toMatchObject({
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    });
    expect(parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['itemsCursor', 'itemsFilter']),
    );
    expect(Object.keys(document.components.schemas.ExperimentSummary?.properties ?? {})).toEqual(
      expect.arrayContaining(['itemSummaries', 'itemsTotal', 'nextItemsCursor']),
    );
  });
});
