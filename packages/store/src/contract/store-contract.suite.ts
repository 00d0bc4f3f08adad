import { type CanonicalSpan, emptySpan, type TraceQueryInput, traceQuerySchema } from '@sextant/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { registerAlertCases } from './alerts.suite.js';
import { registerAuditCases } from './audit.suite.js';
import { registerDatasetCases } from './dataset-store.suite.js';
import { registerDriftCases } from './drift.suite.js';
import { registerExperimentCases } from './experiments.suite.js';
import { registerGateCases } from './gates.suite.js';
import { registerJobCases } from './jobs.suite.js';
import { registerMetricsCases } from './metrics.suite.js';
import { registerModelCases } from './models.suite.js';
import { registerOnlineEvalCases } from './online-evals.suite.js';
import { registerRedactionSettingsCases } from './redaction-settings.suite.js';
import { registerRetentionCases } from './retention.suite.js';
import { registerReviewCases } from './reviews.suite.js';
import { registerScoreCases } from './scores.suite.js';
import { registerSessionCases } from './sessions.suite.js';
import { registerRegistryCases } from './versioned-registry.suite.js';

/** Cases an adapter cannot pass, by name, each with the reason beside it. */
export type SkippedCases = Record<string, string>;

let counter = 0;
const hex = (length: number, seed: number) => seed.toString(16).padStart(length, '0').slice(-length);

/** A span with sensible defaults; tests override what they check. */
export function makeSpan(overrides: Partial<CanonicalSpan> = {}): CanonicalSpan {
  counter += 1;
  return {
    ...emptySpan({
      traceId: hex(32, 1000 + counter),
      spanId: hex(16, 5000 + counter),
      name: `span-${counter}`,
      startTimeUs: 1_700_000_000_000_000 + counter * 1000,
      endTimeUs: 1_700_000_000_000_000 + counter * 1000 + 500,
    }),
    ...overrides,
  };
}

const query = (input: TraceQueryInput = {}) => traceQuerySchema.parse(input);

/**
 * The one behavioural suite every Store adapter runs.
 * @example runStoreContract('sqlite', { create: async () => openSqliteStore(tempFile()) });
 */
export function runStoreContract(
  adapter: string,
  options: { create: () => Promise<Store>; skip?: SkippedCases },
) {
  const test = (name: string, body: () => Promise<void>) =>
    options.skip?.[name] ? it.skip(`${name} (skipped: ${options.skip[name]})`, body) : it(name, body);

  describe(`Store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await options.create();
      await store.createProject({ id: 'alpha', name: 'Alpha' });
      await store.createProject({ id: 'beta', name: 'Beta' });
    });
    afterEach(async () => {
      await store.close();
    });

    test('declares specification v1', async () => {
      expect(store.specificationVersion).toBe('v1');
    });

    test('creates, reads and lists projects; names are unique', async () => {
      expect((await store.getProject('alpha'))?.name).toBe('Alpha');
      expect(await store.getProject('missing')).toBeNull();
      expect((await store.listProjects()).map((project) => project.id)).toEqual(['alpha', 'beta']);
      await expect(store.createProject({ id: 'gamma', name: 'Alpha' })).rejects.toThrow();
    });

    test('finds active keys by hash, lists them per project, and revokes them', async () => {
      await store.createApiKey({
        id: 'k1',
        projectId: 'alpha',
        name: 'ci',
        prefix: 'sk-sx-aaaa',
        keyHash: 'h1',
      });
      await store.createApiKey({
        id: 'k2',
        projectId: 'beta',
        name: 'ci',
        prefix: 'sk-sx-bbbb',
        keyHash: 'h2',
      });
      expect((await store.findApiKeyByHash('h1'))?.projectId).toBe('alpha');
      expect((await store.listApiKeys('alpha')).map((key) => key.id)).toEqual(['k1']);
      expect(await store.countActiveApiKeys()).toBe(2);
      expect(await store.revokeApiKey('beta', 'k1')).toBe(false);
      expect(await store.revokeApiKey('alpha', 'k1')).toBe(true);
      expect(await store.findApiKeyByHash('h1')).toBeNull();
      expect((await store.listApiKeys('alpha'))[0]?.revokedAt).toBeInstanceOf(Date);
      expect(await store.countActiveApiKeys()).toBe(1);
    });

    test('stores spans idempotently on project, trace id and span id', async () => {
      const spans = [makeSpan(), makeSpan()];
      expect(await store.insertSpans('alpha', spans)).toEqual({ inserted: 2 });
      expect(await store.insertSpans('alpha', spans)).toEqual({ inserted: 0 });
      expect(await store.insertSpans('beta', spans)).toEqual({ inserted: 2 });
      const page = await store.listTraces('alpha', query());
      expect(page.traces).toHaveLength(2);
      expect(page.traces.every((trace) => trace.spanCount === 1)).toBe(true);
    });

    test('prepared spans store like insertSpans; a prepared batch partly stored before counts the rest once', async () => {
      const trace = 'aaaabbbbccccddddeeeeffff00001111';
      const [first, second, third] = [0, 1, 2].map((index) =>
        makeSpan({
          traceId: trace,
          kind: 'llm',
          model: 'gpt-4o',
          inputTokens: 10,
          parentSpanId: index ? 's0' : null,
        }),
      ) as [CanonicalSpan, CanonicalSpan, CanonicalSpan];
      await store.insertSpans('alpha', [second]);
      const prepared = store.prepareSpans('alpha', [first, second, third]);
      expect(await store.insertPreparedSpans([prepared])).toEqual({ inserted: 2 });
      expect(await store.insertPreparedSpans([prepared])).toEqual({ inserted: 0 });
      const [summary] = (await store.listTraces('alpha', query())).traces;
      expect(summary).toMatchObject({ spanCount: 3, inputTokens: 30 });

      // Several batches at once, of two projects, one trace spread over two of them.
      const spread = 'aaaabbbbccccddddeeeeffff00002222';
      const batches = [
        store.prepareSpans('alpha', [makeSpan({ traceId: spread, kind: 'llm', inputTokens: 5 })]),
        store.prepareSpans('beta', [makeSpan({ traceId: spread, kind: 'llm', inputTokens: 7 })]),
        store.prepareSpans('alpha', [
          makeSpan({ traceId: spread, kind: 'llm', inputTokens: 5, parentSpanId: 'x' }),
        ]),
      ];
      expect(await store.insertPreparedSpans(batches)).toEqual({ inserted: 3 });
      expect((await store.getTrace('alpha', spread))?.spans).toHaveLength(2);
      expect((await store.getTrace('beta', spread))?.spans).toHaveLength(1);
      const spreadSummary = (await store.listTraces('alpha', query())).traces.find(
        (t) => t.traceId === spread,
      );
      expect(spreadSummary).toMatchObject({ spanCount: 2, inputTokens: 10 });
    });

    test('round-trips every canonical span field', async () => {
      const span = makeSpan({
        kind: 'llm',
        status: 'error',
        statusMessage: 'boom',
        error: { type: 'Error', message: 'boom', stack: 'at x' },
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 10,
        outputTokens: 5,
        cacheReadTokens: 2,
        reasoningTokens: 1,
        cost: 0.0123,
        costEstimated: true,
        input: { type: 'messages', messages: [{ role: 'user', content: 'hi' }] },
        output: { type: 'text', text: 'hello' },
        documents: [{ id: 'd1', content: 'doc', score: 0.9 }],
        toolName: 'search',
        toolArgs: '{"q":"x"}',
        sessionId: 's1',
        tags: ['a', 'b'],
        rawAttributes: { 'gen_ai.request.model': 'gpt-4o', nested: { x: [1, 2] } },
        resourceAttributes: { 'service.name': 'app' },
        scopeName: 'scope',
      });
      await store.insertSpans('alpha', [span]);
      const detail = await store.getTrace('alpha', span.traceId);
      expect(detail?.spans).toEqual([span]);
    });

    test('rolls spans up to their trace: root name, times, tokens of model calls, cost, errors', async () => {
      const traceId = 'a'.repeat(32);
      const root = makeSpan({
        traceId,
        spanId: '1'.repeat(16),
        name: 'answer',
        startTimeUs: 1_000_000,
        endTimeUs: 9_000_000,
      });
      const llm = makeSpan({
        traceId,
        spanId: '2'.repeat(16),
        parentSpanId: root.spanId,
        kind: 'llm',
        model: 'gpt-4o',
        inputTokens: 100,
        outputTokens: 20,
        cost: 0.5,
        startTimeUs: 2_000_000,
        endTimeUs: 3_000_000,
      });
      const wrapper = makeSpan({
        traceId,
        spanId: '3'.repeat(16),
        parentSpanId: root.spanId,
        kind: 'chain',
        inputTokens: 100,
        startTimeUs: 1_500_000,
        endTimeUs: 3_500_000,
      });
      const failed = makeSpan({
        traceId,
        spanId: '4'.repeat(16),
        parentSpanId: root.spanId,
        status: 'error',
        cost: 0.25,
        startTimeUs: 500_000,
        endTimeUs: 600_000,
      });
      // Children first, root last: the trace is named by its root whenever the root arrives.
      await store.insertSpans('alpha', [llm, wrapper]);
      await store.insertSpans('alpha', [failed, root]);
      const [trace] = (await store.listTraces('alpha', query())).traces;
      expect(trace).toMatchObject({
        traceId,
        name: 'answer',
        spanCount: 4,
        errorCount: 1,
        status: 'error',
        inputTokens: 100,
        outputTokens: 20,
        totalTokens: 120,
        startTimeUs: 500_000,
        endTimeUs: 9_000_000,
        durationMs: 8500,
        models: ['gpt-4o'],
      });
      expect(trace?.cost).toBeCloseTo(0.75);
    });

    test('filters traces by time, name, kind, model, status, session, user, prompt, release, tags and text', async () => {
      const at = (seconds: number) => 1_700_000_000_000_000 + seconds * 1_000_000;
      await store.insertSpans('alpha', [
        makeSpan({
          name: 'rag',
          startTimeUs: at(10),
          endTimeUs: at(11),
          kind: 'retrieval',
          sessionId: 's1',
          tags: ['prod'],
          promptName: 'answer',
          promptVersion: '1',
          releaseId: 'bot@3',
          input: { type: 'text', text: 'How do refunds work?' },
        }),
        makeSpan({
          name: 'chat',
          startTimeUs: at(20),
          endTimeUs: at(21),
          kind: 'llm',
          model: 'gpt-4o',
          userId: 'u1',
          tags: ['prod', 'beta'],
          promptName: 'answer',
          promptVersion: '2',
          output: { type: 'messages', messages: [{ role: 'assistant', content: 'Shipping takes two days' }] },
        }),
        makeSpan({ name: 'chat', startTimeUs: at(30), endTimeUs: at(31), status: 'error', model: 'claude' }),
      ]);
      const names = async (input: TraceQueryInput) =>
        (await store.listTraces('alpha', query({ sort: 'time', order: 'asc', ...input }))).traces.map(
          (trace) => trace.name,
        );
      expect(await names({})).toEqual(['rag', 'chat', 'chat']);
      expect(await names({ from: new Date(1_700_000_015_000), to: new Date(1_700_000_025_000) })).toEqual([
        'chat',
      ]);
      expect(await names({ name: 'rag' })).toEqual(['rag']);
      expect(await names({ kind: 'retrieval' })).toEqual(['rag']);
      expect(await names({ model: 'claude' })).toEqual(['chat']);
      expect(await names({ status: 'error' })).toHaveLength(1);
      expect(await names({ status: 'ok' })).toEqual(['rag', 'chat']);
      expect(await names({ sessionId: 's1' })).toEqual(['rag']);
      expect(await names({ userId: 'u1' })).toEqual(['chat']);
      expect(await names({ promptName: 'answer' })).toEqual(['rag', 'chat']);
      expect(await names({ promptName: 'answer', promptVersion: '2' })).toEqual(['chat']);
      expect(await names({ releaseId: 'bot@3' })).toEqual(['rag']);
      expect(await names({ tags: ['prod'] })).toEqual(['rag', 'chat']);
      expect(await names({ tags: ['prod', 'beta'] })).toEqual(['chat']);
      expect(await names({ q: 'refunds' })).toEqual(['rag']);
      expect(await names({ q: 'ship' })).toEqual(['chat']);
      expect(await names({ q: 'nothing-like-this' })).toEqual([]);
    });

    test('finds a trace by any word of any of its spans, however it was sent, and a re-send adds nothing', async () => {
      const root = makeSpan({ name: 'agent', input: { type: 'text', text: 'Plan the trip' } });
      const child = (text: string) =>
        makeSpan({
          traceId: root.traceId,
          parentSpanId: root.spanId,
          kind: 'llm',
          inputTokens: 3,
          output: { type: 'text', text },
        });
      const first = child('Book the train to Lyon, then the train back');
      await store.insertSpans('alpha', [root, first]);
      const late = child('Hotel reservations confirmed'); // a later batch of the same trace
      await store.insertSpans('alpha', [first, late]); // with a span sent before
      const found = async (q: string) =>
        (await store.listTraces('alpha', query({ q }))).traces.map((trace) => trace.traceId);
      for (const q of ['plan', 'lyon', 'TRAIN back', 'hotel', 'reserv', 'confirmed reservations']) {
        expect(await found(q), q).toEqual([root.traceId]);
      }
      expect(await found('paris')).toEqual([]);
      const trace = (await store.getTrace('alpha', root.traceId))?.trace;
      expect(trace).toMatchObject({ spanCount: 3, inputTokens: 6 });
      expect(await store.listTraces('alpha', query({ kind: 'llm' }))).toMatchObject({
        traces: [{ traceId: root.traceId }],
      });
    });

    test('sorts by each column and pages with a cursor without gaps or repeats', async () => {
      const spans = Array.from({ length: 25 }, (_, index) =>
        makeSpan({
          name: `t${String(index % 7)}`,
          startTimeUs: 1_000_000 + index,
          endTimeUs: 1_000_000 + index + (index % 5) * 1000,
          kind: 'llm',
          inputTokens: index % 4,
          outputTokens: 1,
          cost: index % 3 === 0 ? null : index / 10,
        }),
      );
      await store.insertSpans('alpha', spans);
      for (const sort of ['time', 'name', 'latency', 'tokens', 'cost', 'status'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await store.listTraces('alpha', query({ sort, order, limit: 4, cursor }));
            seen.push(...page.traces.map((trace) => trace.traceId));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(new Set(seen).size, `${sort} ${order}`).toBe(25);
          expect(seen).toHaveLength(25);
        }
      }
      const byLatency = (
        await store.listTraces('alpha', query({ sort: 'latency', order: 'desc', limit: 25 }))
      ).traces;
      const latencies = byLatency.map((trace) => trace.durationMs);
      expect(latencies).toEqual([...latencies].sort((a, b) => b - a));
    });

    test('rejects a malformed cursor with a message that says what to pass', async () => {
      await expect(store.listTraces('alpha', query({ cursor: 'not-a-cursor' }))).rejects.toThrow(
        /nextCursor/,
      );
    });

    registerMetricsCases(test, () => store, makeSpan);
    registerModelCases(test, () => store);
    registerRegistryCases(test, () => store);
    registerDatasetCases(test, () => store);
    registerAuditCases(test, () => store);
    registerRedactionSettingsCases(test, () => store);
    registerAlertCases(test, () => store);
    registerSessionCases(test, () => store);
    registerScoreCases(test, () => store, makeSpan);
    registerExperimentCases(test, () => store);
    registerJobCases(test, () => store);
    registerOnlineEvalCases(test, () => store, makeSpan);
    registerRetentionCases(test, () => store, makeSpan);
    registerReviewCases(test, () => store);
    registerDriftCases(test, () => store, makeSpan);
    registerGateCases(test, () => store);

    test('never returns another project’s traces', async () => {
      const span = makeSpan({ input: { type: 'text', text: 'secret plans' }, sessionId: 'shared' });
      await store.insertSpans('alpha', [span]);
      expect((await store.listTraces('beta', query())).traces).toEqual([]);
      expect((await store.listTraces('beta', query({ q: 'secret' }))).traces).toEqual([]);
      expect((await store.listTraces('beta', query({ sessionId: 'shared' }))).traces).toEqual([]);
      expect(await store.getTrace('beta', span.traceId)).toBeNull();
    });
  });
}
