import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';
import { otlpJson, postOtlp, randomTraceId } from '../test-support/otlp-payload.js';

describe('GET /api/sessions', () => {
  let live: LiveServer;
  const minute = 60_000;
  const start = Date.now() - 10 * minute;
  beforeAll(async () => {
    live = await startLiveServer();
    const turn = (
      sessionId: string,
      minutes: number,
      question: string,
      extra: Record<string, unknown> = {},
    ) => ({
      traceId: randomTraceId(),
      startMs: start + minutes * minute,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 12,
        'gen_ai.usage.output_tokens': 7,
        'gen_ai.conversation.id': sessionId,
        'sextant.input': question,
        ...extra,
      },
    });
    const sent = await postOtlp(
      live.url,
      live.keyA,
      otlpJson([
        turn('refunds', 1, 'How do refunds work?', { 'user.id': 'ada' }),
        turn('refunds', 3, 'And for gift cards?'),
        // A model without a price: the session's cost is unknown (null), not zero.
        turn('shipping', 2, 'Where is my parcel?', { 'gen_ai.request.model': 'in-house-model' }),
      ]),
    );
    expect(sent.status).toBe(200);
  });
  afterAll(() => live.stop());

  it('lists conversations newest activity first, with totals, one cursor page at a time', async () => {
    const first = await request(live, live.keyA, 'GET', '/api/sessions?limit=1');
    expect(first.status).toBe(200);
    const page = first.body as { sessions: unknown[]; nextCursor: string };
    expect(page.sessions).toEqual([
      {
        sessionId: 'refunds',
        userId: 'ada',
        traceCount: 2,
        errorCount: 0,
        firstStartUs: (start + minute) * 1000,
        lastStartUs: (start + 3 * minute) * 1000,
        totalTokens: 38,
        cost: expect.any(Number),
        lastInputPreview: 'And for gift cards?',
      },
    ]);
    const refunds = (await request(live, live.keyA, 'GET', '/api/sessions/refunds')).body as {
      traces: { cost: number | null }[];
    };
    const known = refunds.traces.map((trace) => trace.cost ?? 0);
    expect((page.sessions[0] as { cost: number }).cost).toBeCloseTo(known[0]! + known[1]!, 12);
    expect(known[0]).toBeGreaterThan(0);
    const next = await request(live, live.keyA, 'GET', `/api/sessions?limit=1&cursor=${page.nextCursor}`);
    expect(next.body).toEqual({
      sessions: [expect.objectContaining({ sessionId: 'shipping', traceCount: 1, cost: null })],
      nextCursor: null,
    });
  });

  it('narrows to a window, and says what is wrong with a bad cursor or limit', async () => {
    const from = new Date(start + 2.5 * minute).toISOString();
    const late = (await request(live, live.keyA, 'GET', `/api/sessions?from=${from}`)).body as {
      sessions: { sessionId: string; traceCount: number }[];
    };
    expect(late.sessions).toEqual([expect.objectContaining({ sessionId: 'refunds', traceCount: 1 })]);
    const badCursor = await request(live, live.keyA, 'GET', '/api/sessions?cursor=nope');
    expect(badCursor).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: expect.stringMatching(/nextCursor/) } },
    });
    const badLimit = await request(live, live.keyA, 'GET', '/api/sessions?limit=0');
    expect(badLimit.status).toBe(400);
    expect((badLimit.body as { error: { message: string } }).error.message).toMatch(/^limit:/);
  });
});
