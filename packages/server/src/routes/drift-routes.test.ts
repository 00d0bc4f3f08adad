import { randomBytes } from 'node:crypto';
import { type CanonicalSpan, emptySpan } from '@sextant/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../jobs/create-job-runner.js';
import type { DriftCheckReport } from '../services/drift/drift-check-report.js';
import { baseTopics, loadSupportQuestions } from '../services/drift/test-support/support-questions.js';
import { type LiveServer, request, startLiveServer } from '../test-support/live-server.js';

const HOUR_MS = 3600_000;
const corpus = loadSupportQuestions();

/** A root span asking `question` at `time`, with a model call's tokens on the trace. */
function requestSpans(question: string, time: number, release: string): CanonicalSpan[] {
  const traceId = randomBytes(16).toString('hex');
  const root = {
    ...emptySpan({
      traceId,
      spanId: randomBytes(8).toString('hex'),
      name: 'answer',
      startTimeUs: time * 1000,
      endTimeUs: (time + 800) * 1000,
    }),
    releaseId: release,
    input: { type: 'messages' as const, messages: [{ role: 'user' as const, content: question }] },
  };
  const call = {
    ...emptySpan({
      traceId,
      spanId: randomBytes(8).toString('hex'),
      name: 'chat',
      startTimeUs: time * 1000 + 100,
      endTimeUs: (time + 700) * 1000,
    }),
    parentSpanId: root.spanId,
    kind: 'llm' as const,
    model: 'gpt-4o-mini',
    inputTokens: 20 + (question.length % 30),
    outputTokens: 100,
  };
  return [root, call];
}

describe('drift routes', () => {
  let live: LiveServer;
  const now = Date.now();
  const referenceStart = now - 72 * HOUR_MS;
  const referenceEnd = now - 48 * HOUR_MS;
  // Disjoint halves of 40 questions per base topic, so no text appears on both sides; 40 mobile questions (29%) are new.
  const referenceQuestions = baseTopics.flatMap((topic) => corpus.topics[topic].slice(0, 20));
  const currentBase = baseTopics.flatMap((topic) => corpus.topics[topic].slice(20, 40));
  const mobile = corpus.topics.mobile.slice(0, 40);

  beforeAll(async () => {
    live = await startLiveServer({ jobs: false });
    const reference = referenceQuestions.map((question, index) =>
      requestSpans(question, referenceStart + index * 60_000, 'bot@1'),
    );
    const current = [...currentBase, ...mobile].map((question, index) =>
      requestSpans(question, now - 20 * HOUR_MS + index * 60_000, 'bot@2'),
    );
    await live.store.insertSpans('alpha', [...reference, ...current].flat());
  });
  afterAll(() => live.stop());

  it('creates a monitor, reports the new topic with linked examples, and reuses stored embeddings', async () => {
    const created = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'support questions',
      reference: {
        type: 'range',
        start: new Date(referenceStart).toISOString(),
        end: new Date(referenceEnd).toISOString(),
      },
      currentWindowHours: 24,
      topicClusters: 6,
    });
    expect(created.status).toBe(201);
    const monitor = created.body as { id: string; field: string; embeddingSampleSize: number };
    expect(monitor).toMatchObject({ field: 'input', embeddingSampleSize: 750 });

    const run = await request(live, live.keyA, 'POST', `/api/drift/monitors/${monitor.id}/run`);
    expect(run.status).toBe(201);
    const report = run.body as DriftCheckReport;
    expect(report.reference.count).toBe(referenceQuestions.length);
    expect(report.current.count).toBe(currentBase.length + mobile.length);
    expect(report.drifted).toBe(true);
    const embeddingTests = report.features.filter((feature) => feature.kind === 'embeddings');
    expect(embeddingTests.map((feature) => feature.test).sort()).toEqual([
      'chi-square',
      'domain-classifier',
      'maximum-mean-discrepancy',
    ]);
    expect(embeddingTests.find((feature) => feature.test === 'maximum-mean-discrepancy')?.drifted).toBe(true);
    // The token column comes from the trace rollup; the model from the trace's model calls.
    expect(report.features.map((feature) => feature.feature)).toContain('numeric.inputTokens');
    expect(report.features.map((feature) => feature.feature)).toContain('text.characters');

    // The cluster that grew the most is the mobile one, and its current examples link to mobile traces.
    const grown = [...(report.topics?.clusters ?? [])].sort(
      (a, b) => b.currentShare - b.referenceShare - (a.currentShare - a.referenceShare),
    )[0];
    expect(grown?.change).toMatch(/appeared|grown/);
    expect(grown?.currentExamples.length).toBeGreaterThan(0);
    for (const example of grown?.currentExamples ?? []) expect(mobile).toContain(example.text);
    const trace = await request(live, live.keyA, 'GET', `/api/traces/${grown?.currentExamples[0]?.traceId}`);
    expect(trace.status).toBe(200);
    expect(report.topics?.sharesOverTime.shares.length).toBe(8);
    expect(report.embedder).toMatchObject({
      reused: 0,
      computed: referenceQuestions.length + currentBase.length + mobile.length,
    });
    expect(report.verdict).toMatch(/^drift in /);

    const second = (await request(live, live.keyA, 'POST', `/api/drift/monitors/${monitor.id}/run`))
      .body as DriftCheckReport;
    expect(second.embedder).toMatchObject({
      reused: referenceQuestions.length + currentBase.length + mobile.length,
      computed: 0,
    });

    const listed = (await request(live, live.keyA, 'GET', `/api/drift/reports?monitorId=${monitor.id}`))
      .body as {
      reports: Array<{ id: string; drifted: boolean; driftedFeatures: string[] }>;
    };
    expect(listed.reports.map((entry) => entry.id)).toEqual([second.id, report.id]);
    expect(listed.reports[0]?.driftedFeatures).toContain('embeddings:maximum-mean-discrepancy');
    const fetched = (await request(live, live.keyA, 'GET', `/api/drift/reports/${report.id}`))
      .body as DriftCheckReport;
    expect(fetched.features).toHaveLength(report.features.length);
    expect(fetched.features[0]?.bins?.length).toBeGreaterThan(0);
  });

  it('answers bad input with what was wrong and how to fix it', async () => {
    const missingDataset = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'from dataset',
      reference: { type: 'dataset', name: 'golden' },
    });
    expect(missingDataset.status).toBe(400);
    expect(JSON.stringify(missingDataset.body)).toMatch(/dataset 'golden' not found/);
    const backwards = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'backwards',
      reference: { type: 'range', start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toMatch(/start must be before reference.end/);
    const unknown = await request(live, live.keyA, 'POST', '/api/drift/monitors/dm_nope/run');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/drift monitor 'dm_nope' not found; monitors: /);
    const noRelease = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'release',
      reference: { type: 'release', releaseId: 'bot@9', days: 1 },
    });
    const run = await request(
      live,
      live.keyA,
      'POST',
      `/api/drift/monitors/${(noRelease.body as { id: string }).id}/run`,
    );
    expect(run.status).toBe(400);
    expect(JSON.stringify(run.body)).toMatch(/release 'bot@9' has no traces yet/);
  });

  it('runs scheduled checks as drift.check jobs, once per interval even when a job runs twice', async () => {
    const created = await request(live, live.keyA, 'POST', '/api/drift/monitors', {
      name: 'release 1 vs now',
      reference: { type: 'release', releaseId: 'bot@1', days: 1 },
      currentWindowHours: 24,
      embeddingSampleSize: 100,
      scheduleEveryMinutes: 60,
    });
    const monitorId = (created.body as { id: string }).id;
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    const runner = createJobRunner({ store: live.store, now: () => new Date(hour + 1000) });
    expect(await runner.tick()).toBeGreaterThanOrEqual(1); // the period job enqueues the monitor's check
    await runner.tick();
    const reports = await live.store.drift.listReports('alpha', { monitorId });
    expect(reports.map((report) => report.id)).toEqual([`${monitorId}-${hour}`]);
    expect((reports[0]?.body as DriftCheckReport | undefined)?.reference.description).toBe(
      'first 1 days of release bot@1',
    );
    // A job that runs again (after a crash) rewrites the same report instead of adding one.
    await live.store.jobs.enqueue({
      projectId: 'alpha',
      kind: 'drift.check',
      payload: { monitorId, windowEnd: hour },
    });
    await runner.tick();
    expect(await live.store.drift.listReports('alpha', { monitorId })).toHaveLength(1);
    await runner.stop();
  });
});
