import { emptySpan, experimentInputSchema } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

const hex = (length: number, seed: number) => seed.toString(16).padStart(length, '0');
const traceIds = Array.from({ length: 12 }, (_, index) => hex(32, 0xabc000 + index));

/** A traced RAG answer: a root with the question and answer, a retrieval and a tool call. */
function tracedAnswer(traceId: string, index: number) {
  const base = 1_700_000_000_000_000 + index * 10_000_000;
  const span = (spanId: number, overrides: Partial<ReturnType<typeof emptySpan>>) => ({
    ...emptySpan({
      traceId,
      spanId: hex(16, spanId),
      name: 'answer',
      startTimeUs: base + spanId,
      endTimeUs: base + 1000,
    }),
    ...overrides,
  });
  return [
    span(1, {
      input: { type: 'text', text: `How do refunds work? (${index})` },
      output: { type: 'text', text: `Refunds take ${index} days.` },
    }),
    span(2, {
      parentSpanId: hex(16, 1),
      kind: 'retrieval',
      name: 'search',
      documents: [{ id: 'policy', content: 'Refunds are paid within 14 days.' }],
    }),
    span(3, {
      parentSpanId: hex(16, 1),
      kind: 'tool',
      name: 'lookup',
      toolName: 'lookup_order',
      toolArgs: '{"id":7}',
      toolResult: 'paid',
    }),
  ];
}

describe('review routes', () => {
  let live: LiveServer;
  const call = (method: string, path: string, body?: unknown) => request(live, live.keyA, method, path, body);
  beforeAll(async () => {
    live = await startLiveServer();
    await live.store.insertSpans('alpha', traceIds.flatMap(tracedAnswer));
  });
  afterAll(() => live.stop());

  it('keeps score configs and refuses bad ones with the fix in the message', async () => {
    expect(
      (await call('PUT', '/api/score-configs/helpful', { type: 'boolean', description: 'Does it answer?' }))
        .status,
    ).toBe(200);
    const bad = await call('PUT', '/api/score-configs/stars', {
      type: 'ordinal',
      categories: [{ value: 1, label: 'one' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/at least 2 categories/);
    const numeric = await call('PUT', '/api/score-configs/accuracy', { type: 'numeric', min: 1, max: 0 });
    expect(JSON.stringify(numeric.body)).toMatch(/min < max/);
    const listed = (await call('GET', '/api/score-configs')).body as { configs: { name: string }[] };
    expect(listed.configs.map((config) => config.name)).toEqual(['helpful']);
    expect((await call('GET', '/api/score-configs/missing')).status).toBe(404);
  });

  it('fills a queue from traces, hands items to one reviewer at a time and writes human scores', async () => {
    const created = await call('POST', '/api/review-queues', {
      id: 'support',
      scoreNames: ['helpful'],
      requiredReviewers: 2,
    });
    expect(created.status).toBe(201);
    const unknownScore = await call('POST', '/api/review-queues', { id: 'other', scoreNames: ['nope'] });
    expect(JSON.stringify(unknownScore.body)).toMatch(/score config 'nope' not found; configs: helpful/);

    const filled = (await call('POST', '/api/review-queues/support/fill', { from: 'traces', limit: 4 }))
      .body as {
      inserted: number;
    };
    expect(filled.inserted).toBe(4);
    await call('POST', '/api/review-queues', { id: 'single-traces', scoreNames: ['helpful'] });
    const one = await call('POST', '/api/review-queues/single-traces/fill', {
      from: 'trace',
      traceId: traceIds[0],
    });
    expect(one.body).toEqual({ found: 1, inserted: 1 });
    const unknownTrace = await call('POST', '/api/review-queues/single-traces/fill', {
      from: 'trace',
      traceId: 'f'.repeat(32),
    });
    expect(unknownTrace.status).toBe(404);
    const sampled = (
      await call('POST', '/api/review-queues/support/fill', { from: 'traces', sampleRate: 0.0001 })
    ).body as {
      found: number;
    };
    expect(sampled.found).toBeLessThan(12);

    const next = (await call('POST', '/api/review-queues/support/next', { reviewer: 'ana' })).body as {
      item: {
        id: string;
        traceId: string;
        input: unknown;
        documents: unknown[];
        toolCalls: { name: string; result: string }[];
      };
    };
    expect(next.item.input).toMatchObject({ type: 'text' });
    expect(next.item.documents).toHaveLength(1);
    expect(next.item.toolCalls[0]).toMatchObject({ name: 'lookup_order', result: 'paid' });

    const badValue = await call('PUT', `/api/review-queues/support/items/${next.item.id}/answer`, {
      reviewer: 'ana',
      scores: { helpful: 3 },
    });
    expect(badValue.status).toBe(400);
    expect(JSON.stringify(badValue.body)).toMatch(
      /score 'helpful' got 3; a boolean score takes 1 \(yes\) or 0 \(no\)/,
    );

    // Two reviewers each label all four items: ana [1, 1, 0, 0], bo [1, 0, 0, 0] -> kappa 0.5 (po 0.75, pe 0.5).
    const labels = { ana: [1, 1, 0, 0], bo: [1, 0, 0, 0] } as const;
    const order = (await call('GET', '/api/review-queues/support')).body as { items: number };
    expect(order.items).toBe(4);
    const itemIds = traceIds.slice(-4).reverse();
    for (const reviewer of ['ana', 'bo'] as const) {
      for (let step = 0; step < 4; step++) {
        const { item } = (await call('POST', '/api/review-queues/support/next', { reviewer })).body as {
          item: { id: string };
        };
        const value = labels[reviewer][itemIds.indexOf(item.id)];
        const answered = await call('PUT', `/api/review-queues/support/items/${item.id}/answer`, {
          reviewer,
          scores: { helpful: value },
          comment: step === 0 ? 'clear' : undefined,
        });
        expect(answered.status).toBe(200);
      }
      expect(
        ((await call('POST', '/api/review-queues/support/next', { reviewer })).body as { item: null }).item,
      ).toBeNull();
    }
    const queue = (await call('GET', '/api/review-queues/support')).body as {
      completedItems: number;
      reviewers: { reviewer: string; done: number }[];
      agreement: { method: string; value: number; items: number; exactAgreement: number }[];
    };
    expect(queue.completedItems).toBe(4);
    expect(queue.reviewers).toEqual([
      { reviewer: 'ana', done: 4, skipped: 0 },
      { reviewer: 'bo', done: 4, skipped: 0 },
    ]);
    expect(queue.agreement[0]).toMatchObject({ method: 'cohen', items: 4, exactAgreement: 0.75 });
    expect(queue.agreement[0]?.value).toBeCloseTo(0.5, 12);

    const trace = (await call('GET', `/api/traces/${itemIds[0]}`)).body as {
      scores: { name: string; source: string; author: string; passed: boolean }[];
    };
    expect(
      trace.scores
        .filter((score) => score.source === 'human')
        .map((score) => score.author)
        .sort(),
    ).toEqual(['ana', 'bo']);

    const again = (await call('GET', `/api/review-queues/support/items/${itemIds[0]}?reviewer=bo`)).body as {
      answer: { scores: { value: number }[] };
    };
    expect(again.answer.scores[0]?.value).toBe(1);

    const added = await call('POST', '/api/review-queues/support/to-dataset', {
      dataset: 'reviewed-support',
    });
    expect(added.status).toBe(201);
    const items = (await call('GET', '/api/datasets/reviewed-support/items')).body as {
      items: { id: string; metadata: { labels: { helpful: number }; reviewers: string[] } }[];
    };
    expect(items.items).toHaveLength(4);
    const first = items.items.find((item) => item.id === itemIds[0]);
    expect(first?.metadata).toMatchObject({ labels: { helpful: 1 }, reviewers: ['ana', 'bo'] });
  });

  it('pairwise: shows two outputs blind, maps left/right back to systems, and reports win rates', async () => {
    await call('POST', '/api/review-queues', { id: 'ab', kind: 'pairwise' });
    const items = Array.from({ length: 8 }, (_, index) => ({
      id: `q${index}`,
      input: `question ${index}`,
      candidates: [
        { system: 'baseline', output: `old ${index}` },
        { system: 'candidate', output: `new ${index}` },
      ],
    }));
    expect((await call('POST', '/api/review-queues/ab/items', { items })).status).toBe(201);
    const swapped: boolean[] = [];
    for (let step = 0; step < 8; step++) {
      const { item } = (await call('POST', '/api/review-queues/ab/next', { reviewer: 'ana' })).body as {
        item: { id: string; left: { output: string }; right: { output: string } };
      };
      expect(JSON.stringify(item)).not.toMatch(/baseline|candidate/);
      swapped.push(item.left.output.startsWith('new'));
      // The reviewer always prefers the new output, wherever it is shown; the last one is a tie.
      const preference = step === 7 ? 'tie' : item.left.output.startsWith('new') ? 'left' : 'right';
      await call('PUT', `/api/review-queues/ab/items/${item.id}/answer`, {
        reviewer: 'ana',
        preference,
        reason: 'more precise',
      });
    }
    expect(swapped.some(Boolean)).toBe(true);
    expect(swapped.every(Boolean)).toBe(false);
    const results = (await call('GET', '/api/review-queues/ab')).body as {
      pairwise: {
        pairs: {
          first: string;
          firstWins: number;
          secondWins: number;
          ties: number;
          firstWinRate: { estimate: number; lower: number };
        }[];
      };
    };
    expect(results.pairwise.pairs).toHaveLength(1);
    expect(results.pairwise.pairs[0]).toMatchObject({
      first: 'baseline',
      firstWins: 0,
      secondWins: 7,
      ties: 1,
    });
    expect(results.pairwise.pairs[0]?.firstWinRate.estimate).toBeCloseTo(0.5 / 8, 12);
    const noPreference = await call('PUT', '/api/review-queues/ab/items/q0/answer', { reviewer: 'bo' });
    expect(JSON.stringify(noPreference.body)).toMatch(/preference/);
  });

  it('calibrates judge versions against the human labels and marks the one that clears the bar', async () => {
    await call('PUT', '/api/review-settings', { judgeAgreementBar: 0.7 });
    const humanLabels = traceIds.map((_, index) => (index % 3 === 0 ? 0 : 1));
    await call('POST', '/api/scores', {
      scores: traceIds.map((traceId, index) => ({
        id: `human-${index}`,
        traceId,
        name: 'helpful',
        value: humanLabels[index],
        source: 'human',
        author: 'cy',
      })),
    });
    // Version 1 agrees on every item; version 2 calls everything helpful.
    const judge = (version: string, value: (index: number) => number) =>
      traceIds.map((traceId, index) => ({
        id: `judge-${version}-${index}`,
        traceId,
        name: 'judge-helpful',
        value: value(index),
        passed: value(index) === 1,
        source: 'online',
        evaluatorName: 'judge-helpful',
        evaluatorVersion: version,
      }));
    await call('POST', '/api/scores', {
      scores: [...judge('1', (index) => humanLabels[index] ?? 0), ...judge('2', () => 1)],
    });
    const response = await call(
      'GET',
      '/api/judges/calibration?scoreName=helpful&evaluatorName=judge-helpful',
    );
    expect(response.status).toBe(200);
    const body = response.body as {
      versions: {
        evaluatorVersion: string;
        calibration: {
          items: number;
          trusted: boolean;
          reason?: string;
          kappa: { kappa: number };
          confusion: { counts: number[][] };
        };
        correctedPassRate: { value: { estimate: number } } | null;
      }[];
    };
    const byVersion = Object.fromEntries(body.versions.map((version) => [version.evaluatorVersion, version]));
    // The 4 items of the support queue were labelled by ana and bo too; "cy" wrote human scores on all 12.
    expect(byVersion['1']?.calibration.items).toBe(12);
    expect(byVersion['2']?.calibration.trusted).toBe(false);
    expect(byVersion['2']?.calibration.reason).toMatch(/below the project's bar of 0.7/);
    expect(byVersion['2']?.calibration.kappa.kappa).toBeLessThan(0.7);
    expect(byVersion['2']?.calibration.confusion.counts[0]?.[0]).toBe(0);
    const judges = (await call('GET', '/api/judges')).body as {
      judges: { evaluatorName: string; history: unknown[] }[];
    };
    expect(judges.judges[0]?.evaluatorName).toBe('judge-helpful');
    expect(judges.judges[0]?.history.length).toBeGreaterThanOrEqual(2);
    const missing = await call('GET', '/api/judges/calibration?scoreName=nope&evaluatorName=judge-helpful');
    expect(missing.status).toBe(404);
    const audit = (await call('GET', '/api/audit?targetType=review_settings')).body as {
      entries: {
        action: string;
        before: { judgeAgreementBar: number };
        after: { judgeAgreementBar: number };
      }[];
    };
    expect(audit.entries[0]).toMatchObject({
      action: 'review_settings.update',
      before: { judgeAgreementBar: 0.6 },
      after: { judgeAgreementBar: 0.7 },
    });
  });

  it('fills from an experiment (human scores join it) and pairwise queues from two experiments', async () => {
    const { store } = live;
    await store.datasets.create('alpha', { name: 'faq', description: '' });
    await store.datasets.applyChanges('alpha', 'faq', {
      upsert: ['a', 'b', 'c'].map((id) => ({
        id,
        input: `question ${id}`,
        expectedOutput: `answer ${id}`,
        metadata: {},
      })),
    });
    for (const id of ['exp-old', 'exp-new']) {
      await store.experiments.create('alpha', {
        ...experimentInputSchema.parse({
          name: id,
          datasetName: 'faq',
          datasetVersion: 1,
          repeats: 1,
          itemCount: 3,
          evaluators: [],
        }),
        id,
      });
      await store.experiments.putRuns(
        'alpha',
        id,
        ['a', 'b', 'c'].map((itemId, index) => ({
          itemId,
          repeat: 0,
          traceId: hex(32, (id === 'exp-old' ? 0xf000 : 0xf100) + index),
          output: `${id} says ${itemId}`,
          latencyMs: 5,
        })),
      );
    }
    await call('POST', '/api/review-queues', { id: 'exp-review', scoreNames: ['helpful'] });
    const filled = (
      await call('POST', '/api/review-queues/exp-review/fill', {
        from: 'experiment',
        experimentId: 'exp-new',
      })
    ).body as { inserted: number };
    expect(filled.inserted).toBe(3);
    const { item } = (await call('POST', '/api/review-queues/exp-review/next', { reviewer: 'ana' })).body as {
      item: { id: string; input: string; output: string; expectedOutput: string };
    };
    expect(item).toMatchObject({
      id: 'a',
      input: 'question a',
      output: 'exp-new says a',
      expectedOutput: 'answer a',
    });
    await call('PUT', '/api/review-queues/exp-review/items/a/answer', {
      reviewer: 'ana',
      scores: { helpful: 1 },
    });
    const scores = (await call('GET', '/api/scores?experimentId=exp-new&source=human')).body as {
      scores: { name: string; value: number }[];
    };
    expect(scores.scores).toMatchObject([{ name: 'helpful', value: 1 }]);

    await call('POST', '/api/review-queues', { id: 'exp-ab', kind: 'pairwise' });
    const wrongKind = await call('POST', '/api/review-queues/exp-review/fill', {
      from: 'experiments-pairwise',
      baselineExperimentId: 'exp-old',
      candidateExperimentId: 'exp-new',
    });
    expect(JSON.stringify(wrongKind.body)).toMatch(/fills pairwise queues/);
    const pairs = (
      await call('POST', '/api/review-queues/exp-ab/fill', {
        from: 'experiments-pairwise',
        baselineExperimentId: 'exp-old',
        candidateExperimentId: 'exp-new',
      })
    ).body as { inserted: number };
    expect(pairs.inserted).toBe(3);
    const missing = await call('POST', '/api/review-queues/exp-review/fill', {
      from: 'experiment',
      experimentId: 'nope',
    });
    expect(missing.status).toBe(404);
  });

  it('records config and queue changes in the audit log and documents every route in OpenAPI', async () => {
    const audit = (await call('GET', '/api/audit?targetType=score_config')).body as {
      entries: { action: string; targetId: string }[];
    };
    expect(audit.entries.map((entry) => [entry.action, entry.targetId])).toContainEqual([
      'score_config.create',
      'helpful',
    ]);
    const openapi = (await call('GET', '/api/openapi.json')).body as { paths: Record<string, unknown> };
    for (const path of [
      '/api/score-configs/{name}',
      '/api/review-queues/{queueId}/fill',
      '/api/review-queues/{queueId}/next',
      '/api/review-queues/{queueId}/items/{itemId}/answer',
      '/api/review-queues/{queueId}/to-dataset',
      '/api/judges/calibration',
    ]) {
      expect(Object.keys(openapi.paths), path).toContain(path);
    }
  });
});
