import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

describe('score routes', () => {
  let live: LiveServer;
  const traceId = randomTraceId();
  beforeAll(async () => {
    live = await startLiveServer();
    const sent = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([{ traceId, attributes: { 'sextant.release.id': 'bot@2' } }]),
    );
    expect(sent.status).toBe(200);
  });
  afterAll(() => live.stop());

  it('writes scores idempotently, lists them by trace and shows them in the trace detail', async () => {
    const posted = await request(live, live.keyA, 'POST', '/api/scores', {
      scores: [
        {
          id: 'review-1',
          traceId: traceId.toUpperCase(),
          name: 'helpful',
          value: 1,
          passed: true,
          source: 'human',
          author: 'ana',
        },
        { traceId, name: 'f1', value: 0.25 },
      ],
    });
    expect(posted.status).toBe(201);
    const { inserted, ids } = posted.body as { inserted: number; ids: string[] };
    expect(inserted).toBe(2);
    expect(ids[0]).toBe('review-1');
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    const again = await request(live, live.keyA, 'POST', '/api/scores', {
      scores: [{ id: 'review-1', traceId, name: 'helpful', value: 0, source: 'human' }],
    });
    expect((again.body as { inserted: number }).inserted).toBe(0);

    const listed = (await request(live, live.keyA, 'GET', `/api/scores?traceIds=${traceId}`)).body as {
      scores: { id: string; value: number; source: string; createdAt: string }[];
    };
    expect(listed.scores.map((score) => [score.id, score.value, score.source]).sort()).toEqual(
      [
        ['review-1', 1, 'human'],
        [ids[1], 0.25, 'api'],
      ].sort(),
    );
    expect(Number.isNaN(Date.parse(listed.scores[0]!.createdAt))).toBe(false);

    const detail = (await request(live, live.keyA, 'GET', `/api/traces/${traceId}`)).body as {
      scores: { name: string; author?: string }[];
    };
    expect(detail.scores.map((score) => score.name).sort()).toEqual(['f1', 'helpful']);
    expect(detail.scores.find((score) => score.name === 'helpful')?.author).toBe('ana');
  });

  it('answers a series grouped by release', async () => {
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const end = new Date(Date.now() + 60_000).toISOString();
    const series = await request(
      live,
      live.keyA,
      'GET',
      `/api/scores/series?name=f1&start=${start}&end=${end}&bucketSeconds=7200&groupBy=release`,
    );
    expect(series.status).toBe(200);
    const points = (series.body as { points: { group: string; count: number; mean: number }[] }).points;
    expect(points.map((point) => [point.group, point.count, point.mean])).toEqual([['bot@2', 1, 0.25]]);
  });

  it('refuses bad input with a message naming the field, and keeps what was stored', async () => {
    const bad = await request(live, live.keyA, 'POST', '/api/scores', {
      scores: [{ traceId: 'nope', name: 'f1', value: 1 }],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(
      /scores\.0\.traceId: a trace id is 32 hex/,
    );
    const notFinite = await request(
      live,
      live.keyA,
      'POST',
      '/api/scores',
      `{"scores":[{"traceId":"${traceId}","name":"f1","value":"high"}]}`,
    );
    expect(notFinite.status).toBe(400);
    const tooFine = await request(
      live,
      live.keyA,
      'GET',
      '/api/scores/series?start=2020-01-01&end=2026-01-01&bucketSeconds=1',
    );
    expect(tooFine.status).toBe(400);
    expect((tooFine.body as { error: { message: string } }).error.message).toMatch(
      /bucketSeconds=1 makes .* use at least/,
    );
    const listed = (await request(live, live.keyA, 'GET', '/api/scores')).body as { scores: unknown[] };
    expect(listed.scores).toHaveLength(2);
  });
});
