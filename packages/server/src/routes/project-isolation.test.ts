import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

// A key of project A must never read or write project B, on any route.

/** Every prompt and release route, with a body where it takes one (the prompt and release are named `shared`). */
const registryRoutes = [
  ['GET', '/api/prompts', undefined],
  ['POST', '/api/prompts/check', { prompts: [] }],
  ['GET', '/api/prompts/shared', undefined],
  ['GET', '/api/prompts/shared/versions', undefined],
  [
    'POST',
    '/api/prompts/shared/versions',
    { definition: { type: 'text', template: 'x' }, expectedLatestVersion: 1 },
  ],
  ['GET', '/api/prompts/shared/versions/1', undefined],
  ['GET', '/api/prompts/shared/diff?from=1&to=1', undefined],
  ['POST', '/api/prompts/shared/render', { version: 1, variables: { plan: 'x' } }],
  ['PUT', '/api/prompts/shared/labels/production', { version: 1 }],
  ['DELETE', '/api/prompts/shared/labels/production', undefined],
  ['GET', '/api/prompts/shared/label-events', undefined],
  ['GET', '/api/releases', undefined],
  ['GET', '/api/releases/shared', undefined],
  ['GET', '/api/releases/shared/versions', undefined],
  ['POST', '/api/releases/shared/versions', { definition: {}, expectedLatestVersion: 1 }],
  ['GET', '/api/releases/shared/versions/1', undefined],
  ['GET', '/api/releases/shared/diff?from=1&to=1', undefined],
  ['PUT', '/api/releases/shared/labels/production', { version: 1 }],
  ['DELETE', '/api/releases/shared/labels/production', undefined],
  ['GET', '/api/releases/shared/label-events', undefined],
] as const;
/** Every dataset route, with a body where it takes one (the dataset is named `shared`). */
const datasetRoutes = [
  ['GET', '/api/datasets', undefined],
  ['POST', '/api/datasets', { name: 'shared' }],
  ['GET', '/api/datasets/shared', undefined],
  ['GET', '/api/datasets/shared/splits', undefined],
  ['GET', '/api/datasets/shared/items', undefined],
  ['POST', '/api/datasets/shared/items', { delete: ['secret-item'] }],
  ['POST', '/api/datasets/shared/items/from-trace', { traceId: '0'.repeat(32) }],
  ['POST', '/api/datasets/shared/import?format=jsonl', '{"input":"x"}'],
  ['GET', '/api/datasets/shared/export', undefined],
] as const;
/** Every score route (scores are written on trace `secret`'s id by project A). */
const scoreRoutes = [
  ['GET', '/api/scores', undefined],
  ['POST', '/api/scores', { scores: [{ traceId: '0'.repeat(32), name: 'x', value: 1 }] }],
  ['GET', '/api/scores/series?start=2020-01-01&end=2030-01-01&bucketSeconds=86400', undefined],
] as const;
/** Every experiment route (project A owns an experiment named `shared`). */
const experimentRoutes = [
  ['GET', '/api/experiments', undefined],
  ['GET', '/api/experiments/shared', undefined],
  ['PATCH', '/api/experiments/shared', { status: 'failed' }],
  ['GET', '/api/experiments/shared/finished', undefined],
  [
    'POST',
    '/api/experiments/shared/results',
    { runs: [{ itemId: 'x', repeat: 0, traceId: '0'.repeat(32), latencyMs: 1 }] },
  ],
  ['GET', '/api/experiments/compare?baseline=shared&candidate=other', undefined],
  [
    'POST',
    '/api/experiments',
    { id: 'b-own', name: 'x', datasetName: 'a-only-data', repeats: 1, evaluators: [] },
  ],
] as const;
/** Every bake-off route (project A owns a bake-off named `shared-bakeoff`). */
const bakeoffRoutes = [
  ['GET', '/api/bakeoffs'],
  ['GET', '/api/bakeoffs/shared-bakeoff'],
] as const;
/** Every online-evaluation rule and retention route (project A owns a rule named `shared-rule` looking for 'secret'). */
const onlineEvalRoutes = [
  ['GET', '/api/online-evals/rules', undefined],
  ['POST', '/api/online-evals/rules', { name: 'b-rule', evaluators: [{ name: 'json-valid' }] }],
  ['GET', '/api/online-evals/rules/shared-rule', undefined],
  ['PATCH', '/api/online-evals/rules/shared-rule', { enabled: false }],
  ['DELETE', '/api/online-evals/rules/shared-rule', undefined],
  ['GET', '/api/retention', undefined],
  ['PUT', '/api/retention', { days: 7 }],
] as const;
/** Every review and judge route (project A owns score config `secret-config` and queue `secret-queue`). */
const reviewRoutes = [
  ['GET', '/api/score-configs', undefined],
  ['PUT', '/api/score-configs/b-config', { type: 'boolean' }],
  ['GET', '/api/score-configs/secret-config', undefined],
  ['DELETE', '/api/score-configs/secret-config', undefined],
  ['GET', '/api/review-queues', undefined],
  ['GET', '/api/review-queues/secret-queue', undefined],
  ['POST', '/api/review-queues/secret-queue/items', { items: [{ id: 'b-item', input: 'x' }] }],
  ['POST', '/api/review-queues/secret-queue/fill', { from: 'traces' }],
  ['POST', '/api/review-queues/secret-queue/next', { reviewer: 'bo' }],
  ['GET', '/api/review-queues/secret-queue/items/secret-item?reviewer=bo', undefined],
  ['PUT', '/api/review-queues/secret-queue/items/secret-item/answer', { reviewer: 'bo', skip: true }],
  ['POST', '/api/review-queues/secret-queue/to-dataset', { dataset: 'b-dataset' }],
  ['DELETE', '/api/review-queues/secret-queue', undefined],
  ['GET', '/api/judges', undefined],
  ['GET', '/api/judges/calibration?scoreName=secret-config&evaluatorName=judge', undefined],
  ['GET', '/api/review-settings', undefined],
  ['PUT', '/api/review-settings', { judgeAgreementBar: 0.5 }],
] as const;
describe('project isolation, route by route', () => {
  let live: LiveServer;
  const traceA = randomTraceId();
  beforeAll(async () => {
    live = await startLiveServer();
    const sent = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([
        { traceId: traceA, attributes: { 'session.id': 'conv-1', 'gen_ai.request.model': 'gpt-4o' } },
      ]),
    );
    expect(sent.status).toBe(200);
  });
  afterAll(() => live.stop());

  it('POST /v1/traces stores into the key’s own project only', async () => {
    const traceB = randomTraceId();
    expect((await postOtlp(live.url, live.keyB, otlpJson([{ traceId: traceB }]))).status).toBe(200);
    expect((await request(live, live.keyA, 'GET', `/api/traces/${traceB}`)).status).toBe(404);
    expect((await request(live, live.keyB, 'GET', `/api/traces/${traceB}`)).status).toBe(200);
  });

  it('GET /api/traces lists only the key’s project', async () => {
    const a = (await request(live, live.keyA, 'GET', '/api/traces')).body as {
      traces: { traceId: string }[];
    };
    const b = (await request(live, live.keyB, 'GET', '/api/traces')).body as {
      traces: { traceId: string }[];
    };
    expect(a.traces.map((trace) => trace.traceId)).toContain(traceA);
    expect(b.traces.map((trace) => trace.traceId)).not.toContain(traceA);
  });

  it('GET /api/traces/{id} answers 404 for another project’s trace', async () => {
    expect((await request(live, live.keyA, 'GET', `/api/traces/${traceA}`)).status).toBe(200);
    const other = await request(live, live.keyB, 'GET', `/api/traces/${traceA}`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining(traceA) } });
  });

  it('GET /api/sessions/{id} shows only the key’s project', async () => {
    const a = (await request(live, live.keyA, 'GET', '/api/sessions/conv-1')).body as { traces: unknown[] };
    const b = (await request(live, live.keyB, 'GET', '/api/sessions/conv-1')).body as { traces: unknown[] };
    expect(a.traces).toHaveLength(1);
    expect(b.traces).toHaveLength(0);
  });

  it('GET /api/sessions lists only the key’s project’s conversations', async () => {
    type Sessions = { sessions: { sessionId: string; traceCount: number }[] };
    const a = (await request(live, live.keyA, 'GET', '/api/sessions')).body as Sessions;
    const b = (await request(live, live.keyB, 'GET', '/api/sessions')).body as Sessions;
    expect(a.sessions).toContainEqual(expect.objectContaining({ sessionId: 'conv-1', traceCount: 1 }));
    expect(b.sessions.map((session) => session.sessionId)).not.toContain('conv-1');
  });

  it('GET /api/metrics aggregates only the key’s project', async () => {
    const window = `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const a = (await request(live, live.keyA, 'GET', `/api/metrics?${window}`)).body as {
      points: { requests: number }[];
    };
    const b = (await request(live, live.keyB, 'GET', `/api/metrics?${window}&groupBy=model`)).body as {
      points: { requests: number }[];
    };
    expect(a.points.reduce((sum, point) => sum + point.requests, 0)).toBeGreaterThanOrEqual(1);
    const seenByB = b.points.reduce((sum, point) => sum + point.requests, 0);
    const bTraces = (await request(live, live.keyB, 'GET', '/api/traces')).body as { traces: unknown[] };
    expect(seenByB).toBe(bTraces.traces.length);
  });

  it('GET /api/audit lists only the key’s project’s changes', async () => {
    const prompt = { definition: { type: 'text', template: 'audited secret' } };
    expect((await request(live, live.keyA, 'POST', '/api/prompts/audited/versions', prompt)).status).toBe(
      201,
    );
    type Audit = { entries: { targetId: string }[] };
    const a = (await request(live, live.keyA, 'GET', '/api/audit?targetType=prompt')).body as Audit;
    const b = (await request(live, live.keyB, 'GET', '/api/audit?targetType=prompt')).body as Audit;
    expect(a.entries.map((entry) => entry.targetId)).toContain('audited@1');
    expect(JSON.stringify(b)).not.toContain('audited');
  });

  it('drift monitor and report routes never show or touch another project’s monitors', async () => {
    const created = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'secret-monitor',
      reference: { type: 'range', start: '2020-01-01T00:00:00Z', end: '2020-01-02T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    const monitorId = (created.body as { id: string }).id;
    const run = await request(live, live.keyA, 'POST', `/api/drift/monitors/${monitorId}/run`);
    expect(run.status).toBe(201);
    const reportId = (run.body as { id: string }).id;
    for (const [method, route] of [
      ['GET', `/api/drift/monitors/${monitorId}`],
      ['POST', `/api/drift/monitors/${monitorId}/run`],
      ['DELETE', `/api/drift/monitors/${monitorId}`],
      ['GET', `/api/drift/reports?monitorId=${monitorId}`],
      ['GET', `/api/drift/reports/${reportId}`],
    ] as const) {
      expect((await request(live, live.keyB, method, route)).status, `${method} ${route}`).toBe(404);
    }
    for (const route of ['/api/drift/monitors', '/api/drift/reports']) {
      const listed = await request(live, live.keyB, 'GET', route);
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain('secret-monitor');
    }
    expect((await request(live, live.keyA, 'GET', `/api/drift/reports/${reportId}`)).status).toBe(200);
  });

  it('redaction settings routes read and write only the key’s project', async () => {
    const saved = await request(live, live.keyA, 'PUT', '/api/settings/redaction', {
      customPatterns: [{ name: 'isolated_secret', pattern: 'ISO-\\d+' }],
    });
    expect(saved.status).toBe(200);
    const ofB = await request(live, live.keyB, 'GET', '/api/settings/redaction');
    expect(JSON.stringify(ofB.body)).not.toContain('isolated_secret');
    const preview = await request(live, live.keyB, 'POST', '/api/settings/redaction/preview', {
      text: 'ISO-42',
    });
    expect(preview.body).toEqual({ text: 'ISO-42', redactions: {} });
  });

  it('alert routes read and write only the key’s project', async () => {
    const rule = { name: 'secret-rule', condition: { metric: 'volume' }, threshold: 1e9 };
    expect((await request(live, live.keyA, 'POST', '/api/alerts/rules', rule)).status).toBe(201);
    const alertRoutes = [
      ['GET', '/api/alerts/rules/secret-rule', undefined],
      ['PUT', '/api/alerts/rules/secret-rule', rule],
      ['DELETE', '/api/alerts/rules/secret-rule', undefined],
      ['POST', '/api/alerts/rules/secret-rule/test', undefined],
      ['GET', '/api/alerts/events?rule=secret-rule', undefined],
      ['GET', '/api/alerts/events/some-event', undefined],
    ] as const;
    for (const [method, route, body] of alertRoutes) {
      const response = await request(live, live.keyB, method, route, body);
      expect(response.status, `${method} ${route}`).toBe(404);
    }
    const listed = await request(live, live.keyB, 'GET', '/api/alerts/rules');
    expect(JSON.stringify(listed.body)).not.toContain('secret-rule');
    expect((await request(live, live.keyA, 'GET', '/api/alerts/rules/secret-rule')).status).toBe(200);
  });

  it('lineage routes answer 404 for another project’s trace and release', async () => {
    expect((await request(live, live.keyA, 'GET', `/api/traces/${traceA}/lineage`)).status).toBe(200);
    expect((await request(live, live.keyB, 'GET', `/api/traces/${traceA}/lineage`)).status).toBe(404);
    const release = { definition: { prompts: {} } };
    expect(
      (await request(live, live.keyA, 'POST', '/api/releases/lineage-only/versions', release)).status,
    ).toBe(201);
    const route = '/api/releases/lineage-only/versions/1/lineage';
    expect((await request(live, live.keyA, 'GET', route)).status).toBe(200);
    expect((await request(live, live.keyB, 'GET', route)).status).toBe(404);
  });

  it('GET /api/project names the key’s project', async () => {
    expect(((await request(live, live.keyA, 'GET', '/api/project')).body as { id: string }).id).toBe('alpha');
    expect(((await request(live, live.keyB, 'GET', '/api/project')).body as { id: string }).id).toBe('beta');
  });

  it('GET and POST /api/keys see and create keys of the key’s project only, never showing hashes', async () => {
    const created = await request(live, live.keyB, 'POST', '/api/keys', { name: 'second' });
    expect(created.status).toBe(201);
    const body = created.body as { key: string; apiKey: { projectId: string } };
    expect(body.apiKey.projectId).toBe('beta');
    const listA = (await request(live, live.keyA, 'GET', '/api/keys')).body as {
      keys: { projectId: string }[];
    };
    expect(listA.keys.every((key) => key.projectId === 'alpha')).toBe(true);
    expect(JSON.stringify(listA)).not.toMatch(/keyHash|key_hash/);
    // The new key works, for its own project.
    expect(((await request(live, body.key, 'GET', '/api/project')).body as { id: string }).id).toBe('beta');
  });

  it('DELETE /api/keys/{id} cannot revoke another project’s key', async () => {
    const listA = (await request(live, live.keyA, 'GET', '/api/keys')).body as { keys: { id: string }[] };
    const keyIdOfA = listA.keys[0]!.id;
    expect((await request(live, live.keyB, 'DELETE', `/api/keys/${keyIdOfA}`)).status).toBe(404);
    expect((await request(live, live.keyA, 'GET', '/api/project')).status).toBe(200);
  });

  it('prompt and release routes read and write only the key’s project', async () => {
    const prompt = { definition: { type: 'text', template: 'secret {{plan}}' }, labels: ['production'] };
    expect((await request(live, live.keyA, 'POST', '/api/prompts/shared/versions', prompt)).status).toBe(201);
    const release = { definition: { prompts: { shared: 1 } }, labels: ['production'] };
    expect((await request(live, live.keyA, 'POST', '/api/releases/shared/versions', release)).status).toBe(
      201,
    );
    for (const [method, route, body] of registryRoutes) {
      if (route === '/api/prompts/check') continue;
      const response = await request(live, live.keyB, method, route, body);
      // Lists answer empty; a write expecting A's version 1 is stale (B has none); the rest do not exist for B.
      const expected = ['/api/prompts', '/api/releases'].includes(route)
        ? 200
        : route.endsWith('/versions') && method === 'POST'
          ? 409
          : 404;
      expect(response.status, `${method} ${route}`).toBe(expected);
      expect(JSON.stringify(response.body), `${method} ${route}`).not.toContain('secret');
    }
    // B pinning A's prompt in a release fails as if it did not exist; B's own name starts at version 1.
    const pinned = await request(live, live.keyB, 'POST', '/api/releases/mine/versions', release);
    expect(pinned.status).toBe(400);
    const own = await request(live, live.keyB, 'POST', '/api/prompts/shared/versions', prompt);
    expect((own.body as { prompt: { version: number } }).prompt.version).toBe(1);
    const a = (await request(live, live.keyA, 'GET', '/api/prompts/shared/label-events')).body as {
      events: unknown[];
    };
    expect(a.events).toHaveLength(1);
  });

  it('gate routes read and write only the key’s project', async () => {
    // Uses A's release 'shared' from the test above.
    const run = {
      suite: 'secret-suite',
      release: { name: 'shared', version: 1 },
      verdict: { status: 'passed', verdicts: [] },
      results: { suite: 'secret-suite', items: [] },
    };
    const stored = await request(live, live.keyA, 'POST', '/api/gate-runs', run);
    expect(stored.status).toBe(201);
    const id = (stored.body as { id: string }).id;
    const gate = { suites: ['secret-suite'] };
    const gated = await request(live, live.keyA, 'PUT', '/api/releases/shared/gates/production', gate);
    expect(gated.status).toBe(200);
    const gateRoutes = [
      ['GET', `/api/gate-runs/${id}`, undefined, 404],
      ['GET', '/api/gate-runs/baseline?release=shared&label=production&suite=secret-suite', undefined, 404],
      ['POST', '/api/gate-runs', run, 404],
      ['PUT', '/api/releases/shared/gates/production', { suites: [] }, 404],
      ['POST', '/api/releases/shared/labels/production/rollback', { reason: 'try it' }, 404],
    ] as const;
    for (const [method, route, body, status] of gateRoutes) {
      const response = await request(live, live.keyB, method, route, body);
      expect(response.status, `${method} ${route}`).toBe(status);
      expect(JSON.stringify(response.body), `${method} ${route}`).not.toContain('secret-suite');
    }
    for (const route of ['/api/gate-runs', '/api/releases/shared/gates', '/api/releases/shared/promotions']) {
      const response = await request(live, live.keyB, 'GET', route);
      expect(JSON.stringify(response.body), route).not.toContain('secret');
    }
    // A's gate still stands.
    const gates = await request(live, live.keyA, 'GET', '/api/releases/shared/gates');
    expect((gates.body as { gates: unknown[] }).gates).toHaveLength(1);
  });

  it('canary routes read and write only the key’s project', async () => {
    // A's prompt 'shared' (from the test above) gets a second version to canary.
    const v2 = { definition: { type: 'text', template: 'secret v2 {{plan}}' } };
    expect((await request(live, live.keyA, 'POST', '/api/prompts/shared/versions', v2)).status).toBe(201);
    const canary = { prompt: 'shared', candidateVersion: 2, score: 'secret-score' };
    const started = await request(live, live.keyA, 'POST', '/api/canaries', canary);
    expect(started.status).toBe(201);
    const id = (started.body as { id: string }).id;
    expect((await request(live, live.keyB, 'GET', `/api/canaries/${id}`)).status).toBe(404);
    expect((await request(live, live.keyB, 'POST', `/api/canaries/${id}/stop`)).status).toBe(404);
    const listed = await request(live, live.keyB, 'GET', '/api/canaries');
    expect(JSON.stringify(listed.body)).not.toContain('secret');
    const looks = await request(live, live.keyB, 'POST', '/api/canaries/evaluate');
    expect(looks.body).toEqual({ looks: [] });
    // B's own 'shared' prompt has one version: A's candidate does not exist for B.
    expect((await request(live, live.keyB, 'POST', '/api/canaries', canary)).status).toBe(400);
    const ofA = await request(live, live.keyA, 'GET', `/api/canaries/${id}`);
    expect((ofA.body as { canary: { status: string } }).canary.status).toBe('running');
  });

  it('dataset routes read and write only the key’s project', async () => {
    expect((await request(live, live.keyA, 'POST', '/api/datasets', { name: 'shared' })).status).toBe(201);
    const item = { items: [{ id: 'secret-item', input: 'secret question' }] };
    expect((await request(live, live.keyA, 'POST', '/api/datasets/shared/items', item)).status).toBe(201);
    for (const [method, route, body] of datasetRoutes) {
      if (method === 'POST' && route === '/api/datasets') continue; // creates B's own dataset; checked below
      const response = await request(live, live.keyB, method, route, body);
      expect(response.status, `${method} ${route}`).toBe(route === '/api/datasets' ? 200 : 404);
      expect(JSON.stringify(response.body), `${method} ${route}`).not.toContain('secret');
    }
    const fromTrace = await request(live, live.keyB, 'POST', '/api/datasets/shared/items/from-trace', {
      traceId: traceA,
    });
    expect(fromTrace.status).toBe(404);
    // B's dataset of the same name is its own: empty, and A's stays as it was.
    expect((await request(live, live.keyB, 'POST', '/api/datasets', { name: 'shared' })).status).toBe(201);
    const ofB = (await request(live, live.keyB, 'GET', '/api/datasets/shared/items')).body as {
      items: unknown[];
    };
    expect(ofB.items).toEqual([]);
    expect(
      (await request(live, live.keyB, 'POST', '/api/datasets/shared/items/from-trace', { traceId: traceA }))
        .status,
    ).toBe(404);
    const ofA = (await request(live, live.keyA, 'GET', '/api/datasets/shared')).body as {
      dataset: { latestVersion: number; itemCount: number };
    };
    expect(ofA.dataset).toMatchObject({ latestVersion: 1, itemCount: 1 });
  });

  it('score routes read and write only the key’s project', async () => {
    const written = await request(live, live.keyA, 'POST', '/api/scores', {
      scores: [{ id: 'secret-score', traceId: traceA, name: 'secret', value: 1 }],
    });
    expect(written.status).toBe(201);
    const listB = (await request(live, live.keyB, 'GET', '/api/scores')).body as { scores: unknown[] };
    expect(JSON.stringify(listB)).not.toContain('secret');
    const seriesB = (await request(live, live.keyB, 'GET', scoreRoutes[2][1])).body as { points: unknown[] };
    expect(seriesB.points).toEqual([]);
    // The same id in B is B's own score; A's is untouched.
    const ofB = await request(live, live.keyB, 'POST', '/api/scores', {
      scores: [{ id: 'secret-score', traceId: traceA, name: 'other', value: 0 }],
    });
    expect((ofB.body as { inserted: number }).inserted).toBe(1);
    const ofA = (await request(live, live.keyA, 'GET', `/api/scores?traceIds=${traceA}`)).body as {
      scores: { name: string }[];
    };
    expect(ofA.scores.map((score) => score.name)).toEqual(['secret']);
    const detailB = await request(live, live.keyB, 'GET', `/api/traces/${traceA}`);
    expect(detailB.status).toBe(404);
  });

  it('experiment routes read and write only the key’s project', async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'a-only-data' });
    await request(live, live.keyA, 'POST', '/api/datasets/a-only-data/items', {
      items: [{ id: 'i1', input: 'q' }],
    });
    const started = await request(live, live.keyA, 'POST', '/api/experiments', {
      id: 'shared',
      name: 'secret experiment',
      datasetName: 'a-only-data',
      repeats: 1,
      evaluators: [],
    });
    expect(started.status).toBe(201);
    for (const [method, route, body] of experimentRoutes) {
      const response = await request(live, live.keyB, method, route, body);
      // B lists nothing, and cannot start an experiment on A's dataset.
      expect(response.status, `${method} ${route}`).toBe(
        route === '/api/experiments' && method === 'GET' ? 200 : 404,
      );
      expect(JSON.stringify(response.body), `${method} ${route}`).not.toContain('secret');
    }
    const ofA = (await request(live, live.keyA, 'GET', '/api/experiments/shared')).body as {
      experiment: { status: string };
      summary: { runs: number };
    };
    expect(ofA.experiment.status).toBe('running');
    expect(ofA.summary.runs).toBe(0);
  });

  it('bake-off routes see only the key’s project', async () => {
    await request(live, live.keyA, 'POST', '/api/datasets', { name: 'a-bakeoff-data' });
    await request(live, live.keyA, 'POST', '/api/datasets/a-bakeoff-data/items', {
      items: [{ id: 'i1', input: 'q' }],
    });
    const started = await request(live, live.keyA, 'POST', '/api/experiments', {
      id: 'secret-bakeoff-m1',
      name: 'secret bakeoff',
      datasetName: 'a-bakeoff-data',
      model: 'm1',
      repeats: 1,
      evaluators: [],
      metadata: { bakeoff: { id: 'shared-bakeoff', models: ['m1'], qualityMetric: 'exact-match' } },
    });
    expect(started.status).toBe(201);
    expect((await request(live, live.keyA, 'GET', '/api/bakeoffs/shared-bakeoff')).status).toBe(200);
    for (const [method, route] of bakeoffRoutes) {
      const response = await request(live, live.keyB, method, route);
      expect(response.status, route).toBe(route === '/api/bakeoffs' ? 200 : 404);
      expect(JSON.stringify(response.body), route).not.toContain('secret');
    }
  });

  it('online evaluation and retention routes read and write only the key’s project', async () => {
    const rule = {
      name: 'shared-rule',
      evaluators: [{ name: 'contains', settings: { values: ['secret'] } }],
    };
    expect((await request(live, live.keyA, 'POST', '/api/online-evals/rules', rule)).status).toBe(201);
    expect((await request(live, live.keyA, 'PUT', '/api/retention', { days: 90 })).status).toBe(200);
    for (const [method, route, body] of onlineEvalRoutes) {
      const response = await request(live, live.keyB, method, route, body);
      const own = route === '/api/retention' || (route === '/api/online-evals/rules' && method === 'GET');
      const expected = own ? 200 : method === 'POST' ? 201 : 404;
      expect(response.status, `${method} ${route}`).toBe(expected);
      expect(JSON.stringify(response.body), `${method} ${route}`).not.toContain('secret');
    }
    const ofA = (await request(live, live.keyA, 'GET', '/api/online-evals/rules/shared-rule')).body as {
      enabled: boolean;
    };
    expect(ofA.enabled).toBe(true);
    expect(((await request(live, live.keyA, 'GET', '/api/retention')).body as { days: number }).days).toBe(
      90,
    );
    const ofB = (await request(live, live.keyB, 'GET', '/api/online-evals/rules')).body as {
      rules: { name: string }[];
    };
    expect(ofB.rules.map((entry) => entry.name)).toEqual(['b-rule']);
  });

  it('review and judge routes read and write only the key’s project', async () => {
    const asA = (method: string, route: string, body?: unknown) =>
      request(live, live.keyA, method, route, body);
    expect((await asA('PUT', '/api/score-configs/secret-config', { type: 'boolean' })).status).toBe(200);
    expect(
      (await asA('POST', '/api/review-queues', { id: 'secret-queue', scoreNames: ['secret-config'] })).status,
    ).toBe(201);
    const items = { items: [{ id: 'secret-item', input: 'secret question', output: 'secret answer' }] };
    expect((await asA('POST', '/api/review-queues/secret-queue/items', items)).status).toBe(201);
    const own = new Set([
      '/api/score-configs',
      '/api/score-configs/b-config',
      '/api/review-queues',
      '/api/judges',
      '/api/review-settings',
    ]);
    for (const [method, route, body] of reviewRoutes) {
      const response = await request(live, live.keyB, method, route, body);
      expect(response.status, `${method} ${route}`).toBe(own.has(route) ? 200 : 404);
      // A 404 may repeat the name asked for, but never shows A's content or lists A's names.
      const text = JSON.stringify(response.body);
      expect(text, `${method} ${route}`).not.toMatch(/secret (question|answer)|configs: [^"]*secret/);
      if (own.has(route)) expect(text, `${method} ${route}`).not.toContain('secret');
    }
    const queue = (await asA('GET', '/api/review-queues/secret-queue')).body as { items: number };
    expect(queue.items).toBe(1);
    expect(
      ((await asA('GET', '/api/review-settings')).body as { judgeAgreementBar: number }).judgeAgreementBar,
    ).toBe(0.6);
    expect((await asA('GET', '/api/score-configs/secret-config')).status).toBe(200);
  });

  it('every route refuses a missing or wrong key with 401 and the envelope', async () => {
    for (const [method, route] of [
      ['GET', '/api/traces'],
      ['GET', `/api/traces/${traceA}`],
      ['GET', '/api/sessions'],
      ['GET', '/api/sessions/conv-1'],
      ['GET', '/api/project'],
      ['GET', '/api/metrics'],
      ['GET', '/api/keys'],
      ['POST', '/api/keys'],
      ['DELETE', '/api/keys/x'],
      ['POST', '/v1/traces'],
      ...registryRoutes,
      ...datasetRoutes,
      ...scoreRoutes,
      ...reviewRoutes,
      ...onlineEvalRoutes,
      ...experimentRoutes,
      ...bakeoffRoutes,
    ] as const) {
      for (const key of [null, 'sk-sx-not-a-real-key']) {
        const response = await request(live, key, method, route);
        expect(response.status, `${method} ${route}`).toBe(401);
        expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    }
  });

  it('a revoked key stops working', async () => {
    const created = (await request(live, live.keyA, 'POST', '/api/keys', { name: 'short-lived' })).body as {
      key: string;
      apiKey: { id: string };
    };
    expect((await request(live, created.key, 'GET', '/api/project')).status).toBe(200);
    expect((await request(live, live.keyA, 'DELETE', `/api/keys/${created.apiKey.id}`)).status).toBe(204);
    expect((await request(live, created.key, 'GET', '/api/project')).status).toBe(401);
  });
});
