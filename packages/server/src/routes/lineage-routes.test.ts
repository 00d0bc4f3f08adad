import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

describe('lineage', () => {
  let live: LiveServer;
  const traceId = randomTraceId();
  const call = (method: string, route: string, body?: unknown) =>
    request(live, live.keyA, method, route, body);

  beforeAll(async () => {
    live = await startLiveServer();
    const prompt = { definition: { type: 'text', template: 'Answer: {{question}}' } };
    expect((await call('POST', '/api/prompts/answer/versions', prompt)).status).toBe(201);
    expect(
      (
        await call('POST', '/api/prompts/answer/versions', {
          ...prompt,
          definition: { type: 'text', template: 'v2 {{q}}' },
        })
      ).status,
    ).toBe(201);
    const release = { definition: { prompts: { answer: 2 } }, labels: ['production'] };
    expect((await call('POST', '/api/releases/support-bot/versions', release)).status).toBe(201);
    const sent = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([
        { traceId, name: 'answer', attributes: { 'sextant.release.id': 'support-bot@1' } },
        {
          traceId,
          name: 'chat gpt-4o',
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'gpt-4o',
            'sextant.prompt.name': 'answer',
            'sextant.prompt.version': '2',
          },
        },
        {
          traceId,
          name: 'rerank',
          attributes: { 'sextant.prompt.name': 'rerank', 'sextant.prompt.version': '7' },
        },
      ]),
    );
    expect(sent.status).toBe(200);
  });
  afterAll(() => live.stop());

  it('leads from a production trace to its release, prompt versions and models', async () => {
    const lineage = await call('GET', `/api/traces/${traceId}/lineage`);
    expect(lineage.status).toBe(200);
    expect(lineage.body).toEqual({
      traceId,
      releases: [
        { releaseId: 'support-bot@1', name: 'support-bot', version: 1, labels: ['production'], known: true },
      ],
      prompts: expect.arrayContaining([
        { name: 'answer', version: 2, labels: [], known: true },
        { name: 'rerank', version: 7, labels: [], known: false },
      ]),
      models: [{ id: 'gpt-4o', provider: 'openai', known: true }],
    });
    expect((await request(live, live.keyB, 'GET', `/api/traces/${traceId}/lineage`)).status).toBe(404);
  });

  it('leads from a release version to the experiments and gate runs that approved it', async () => {
    const experiment = {
      id: 'exp-lineage',
      name: 'support-bot v1 on golden',
      datasetName: 'golden',
      datasetVersion: 1,
      release: { name: 'support-bot', version: 1 },
      repeats: 1,
      itemCount: 1,
      metadata: {},
      evaluators: [{ name: 'contains', version: '1' }],
    };
    // Experiments reference a dataset version that exists.
    expect((await call('POST', '/api/datasets', { name: 'golden' })).status).toBe(201);
    expect((await call('POST', '/api/datasets/golden/items', { items: [{ input: 'hi' }] })).status).toBe(201);
    await live.store.experiments.create('alpha', experiment as never);
    await live.store.experiments.create('alpha', {
      ...experiment,
      id: 'exp-other',
      release: { name: 'support-bot', version: 2 },
    } as never);
    await live.store.gates.putRun('alpha', {
      id: 'gate-1',
      suite: 'qa',
      release: { name: 'support-bot', version: 1 },
      status: 'passed',
      dataset: 'golden@1',
      baseline: null,
      experimentId: 'exp-lineage',
      verdict: {},
      actor: 'ci',
    });
    const lineage = await call('GET', '/api/releases/support-bot/versions/1/lineage');
    expect(lineage.status).toBe(200);
    expect(lineage.body).toMatchObject({
      release: { name: 'support-bot', version: 1, labels: ['production'] },
      experiments: [{ id: 'exp-lineage', datasetName: 'golden' }],
      gateRuns: [{ id: 'gate-1', suite: 'qa', status: 'passed', experimentId: 'exp-lineage' }],
    });
    const missing = await call('GET', '/api/releases/support-bot/versions/9/lineage');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toMatch(/has no version 9; its versions are 1 to 1/);
    expect(
      (await request(live, live.keyB, 'GET', '/api/releases/support-bot/versions/1/lineage')).status,
    ).toBe(404);
  });
});
