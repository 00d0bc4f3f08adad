import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CanonicalSpan, emptySpan, sampleTrace } from '@sextant/core';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderPool } from '../gateway/provider-pool.js';
import { CredentialCipher } from '../services/model-credential-cipher.js';
import { ModelRegistry } from '../services/model-registry.js';
import { OnlineEvalService, onlineEvaluatorFactory } from '../services/online-eval-service.js';
import { JobRunner } from './job-runner.js';
import { createOnlineEvalJob, hasTracesToScore, onlineScoreId } from './online-eval-job.js';

let store: Store;
let directory: string;
beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-online-eval-'));
  store = openSqliteStore(path.join(directory, 'sextant.db'));
  await store.createProject({ id: 'alpha', name: 'Alpha' });
  await store.createProject({ id: 'beta', name: 'Beta' });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

let counter = 0;
/** A two-span trace: a chain root answering with `answer`, around one llm call. */
function trace(answer: string, overrides: Partial<CanonicalSpan> = {}): CanonicalSpan[] {
  counter += 1;
  const traceId = (0xe0a1_0000 + counter).toString(16).padStart(32, '0');
  const start = (Date.now() - 60_000) * 1000 + counter;
  const root = {
    ...emptySpan({
      traceId,
      spanId: `${counter.toString(16).padStart(15, '0')}1`,
      name: 'answer',
      startTimeUs: start,
      endTimeUs: start + 900,
    }),
    kind: 'chain' as const,
    input: { type: 'text' as const, text: `question ${counter}` },
    output: { type: 'text' as const, text: answer },
    ...overrides,
  };
  const llm = {
    ...emptySpan({
      traceId,
      spanId: `${counter.toString(16).padStart(15, '0')}2`,
      name: 'chat',
      startTimeUs: start + 1,
      endTimeUs: start + 800,
    }),
    parentSpanId: root.spanId,
    kind: 'llm' as const,
    model: 'gpt-4o',
    releaseId: overrides.releaseId ?? null,
    output: { type: 'text' as const, text: `draft: ${answer}` },
  };
  return [llm, root];
}

const runner = () =>
  new JobRunner({ store }).register('online-eval.run', createOnlineEvalJob({ batchSize: 7 }));
const runRules = async (projectId = 'alpha') => {
  await store.jobs.enqueue({ projectId, kind: 'online-eval.run', dedupeKey: 'online-eval.run' });
  return runner().tick();
};
const onlineScores = async (projectId = 'alpha') =>
  store.scores.listScores(projectId, { source: 'online', limit: 10_000 });

describe("'online-eval.run' jobs", () => {
  it('scores the new traces that match the rule, on the chosen target, once each', async () => {
    await store.insertSpans('alpha', trace('{"before": "the rule"}'));
    const rules = new OnlineEvalService(store);
    const rule = await rules.create('alpha', {
      name: 'json-answers',
      filter: { model: 'gpt-4o', releaseId: 'bot@2' },
      evaluators: [
        { name: 'json-valid' },
        { name: 'contains', settings: { values: ['refund'], name: 'mentions-refund' } },
      ],
    });
    const good = trace('{"answer": "refund in 30 days"}', { releaseId: 'bot@2' });
    const bad = trace('sorry, no JSON here', { releaseId: 'bot@2' });
    const otherRelease = trace('{"answer": 1}', { releaseId: 'bot@1' });
    await store.insertSpans('alpha', [...good, ...bad, ...otherRelease]);
    await store.insertSpans('beta', trace('{"other": "project"}', { releaseId: 'bot@2' }));

    expect(await runRules()).toBe(1);
    const scores = await onlineScores();
    const byTrace = (spans: CanonicalSpan[], name: string) =>
      scores.find((score) => score.traceId === spans[0]!.traceId && score.name === name);
    expect(scores).toHaveLength(4);
    expect(byTrace(good, 'json-valid')).toMatchObject({
      id: onlineScoreId(rule.id, good[0]!.traceId, 'json-valid'),
      value: 1,
      passed: true,
      source: 'online',
      evaluatorName: 'json-valid',
    });
    expect(byTrace(bad, 'json-valid')).toMatchObject({ value: 0, passed: false });
    expect(byTrace(good, 'mentions-refund')?.value).toBe(1);
    expect(byTrace(bad, 'mentions-refund')?.value).toBe(0);
    // Scores sit at the time of the traffic they judge.
    expect(byTrace(good, 'json-valid')?.createdAt.getTime()).toBe(Math.floor(good[1]!.startTimeUs / 1000));
    expect(await onlineScores('beta')).toEqual([]);

    // Nothing new: a second run writes nothing; new traffic is picked up from the cursor.
    await runRules();
    expect(await onlineScores()).toHaveLength(4);
    await store.insertSpans('alpha', trace('{"late": true}', { releaseId: 'bot@2' }));
    await runRules();
    expect(await onlineScores()).toHaveLength(6);
  });

  it('scores a span inside the trace when the rule names a target', async () => {
    await new OnlineEvalService(store).create('alpha', {
      name: 'llm-drafts',
      target: { kind: 'llm' },
      evaluators: [{ name: 'regex', settings: { pattern: '^draft:' } }],
    });
    const spans = trace('final answer');
    await store.insertSpans('alpha', spans);
    await runRules();
    const [score] = await onlineScores();
    expect(score).toMatchObject({ name: 'regex', value: 1, spanId: spans[0]!.spanId });
  });

  it('samples the same traces on every run, about `sampleRate` of them', async () => {
    const rule = await new OnlineEvalService(store).create('alpha', {
      name: 'tenth',
      sampleRate: 0.1,
      evaluators: [{ name: 'json-valid' }],
    });
    const traces = Array.from({ length: 400 }, () => trace('{}'));
    await store.insertSpans('alpha', traces.flat());
    await runRules();
    const expected = traces.map((spans) => spans[0]!.traceId).filter((traceId) => sampleTrace(traceId, 0.1));
    const scored = (await onlineScores()).map((score) => score.traceId);
    expect(scored.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(70);

    // A re-run over the same traces (a crash before the cursor moved) picks the same ones, adds nothing.
    const start = '0';
    const current = (await store.onlineEvals.ruleCursor('alpha', rule.id))!;
    expect(await store.onlineEvals.advanceRuleCursor('alpha', rule.id, current, start)).toBe(true);
    await runRules();
    expect((await onlineScores()).map((score) => score.traceId).sort()).toEqual(expected.sort());
  });

  it('skips disabled rules, and a failing rule fails the job without holding back the others', async () => {
    const rules = new OnlineEvalService(store);
    await rules.create('alpha', { name: 'off', enabled: false, evaluators: [{ name: 'json-valid' }] });
    await rules.create('alpha', { name: 'on', evaluators: [{ name: 'json-valid' }] });
    await store.insertSpans('alpha', trace('{}'));
    const job = await store.jobs.enqueue({ projectId: 'alpha', kind: 'online-eval.run' });
    const broken = new JobRunner({ store }).register(
      'online-eval.run',
      createOnlineEvalJob({
        createEvaluator: async (name, settings) => {
          if (name === 'json-valid' && (settings as { name?: string }).name === undefined) {
            const { createDeterministicEvaluator } = await import('@sextant/core');
            return createDeterministicEvaluator(name, settings);
          }
          throw new Error('judge model is gone');
        },
      }),
    );
    await rules.create('alpha', {
      name: 'judged',
      evaluators: [{ name: 'json-valid', settings: { name: 'x' } }],
    });
    await broken.tick();
    expect((await onlineScores()).map((score) => score.name)).toEqual(['json-valid']);
    expect(await store.jobs.get('alpha', job.id)).toMatchObject({
      status: 'pending',
      lastError: "rule 'judged': judge model is gone",
    });
  });

  it('is scheduled only for projects where an enabled rule has new traces', async () => {
    expect(await hasTracesToScore(store, 'alpha')).toBe(false);
    await new OnlineEvalService(store).create('alpha', { name: 'r', evaluators: [{ name: 'json-valid' }] });
    expect(await hasTracesToScore(store, 'alpha')).toBe(false);
    await store.insertSpans('alpha', trace('{}'));
    expect(await hasTracesToScore(store, 'alpha')).toBe(true);
    expect(await hasTracesToScore(store, 'beta')).toBe(false);
    await runRules();
    expect(await hasTracesToScore(store, 'alpha')).toBe(false);
  });

  it('changes only the fields a patch names', async () => {
    const rules = new OnlineEvalService(store);
    const rule = await rules.create('alpha', {
      name: 'patched',
      sampleRate: 0.25,
      filter: { releaseId: 'bot@2' },
      target: { kind: 'llm' },
      evaluators: [{ name: 'json-valid' }],
    });
    const paused = await rules.update('alpha', 'patched', { enabled: false });
    expect(paused).toMatchObject({ enabled: false, sampleRate: 0.25, filter: { releaseId: 'bot@2' } });
    expect(paused.target).toEqual({ kind: 'llm' });
    const rootAgain = await rules.update('alpha', rule.id, { target: null, sampleRate: 0.5 });
    expect(rootAgain).toMatchObject({ enabled: false, sampleRate: 0.5 });
    expect(rootAgain.target).toBeUndefined();
    await expect(rules.update('alpha', 'patched', { sampleRate: 7 })).rejects.toThrow(/between 0 and 1/);
    await expect(rules.update('alpha', 'missing', { enabled: true })).rejects.toThrow(
      /no online evaluation rule 'missing'/,
    );
  });

  it('scores with model-based evaluators through the project models, in-process (offline encoder)', async () => {
    const registry = new ModelRegistry(store, CredentialCipher.forStore(store.location), {
      logError: () => {},
    });
    const models = { registry, providers: new ProviderPool() };
    const rules = new OnlineEvalService(store, onlineEvaluatorFactory(models));
    await rules.create('alpha', {
      name: 'relevance',
      evaluators: [{ name: 'answer-relevance-embedding', settings: { threshold: 0.3 } }],
    });
    const onTopic = trace('Refunds are paid back to the card within five days.', {
      input: { type: 'text', text: 'How long does a refund take?' },
    });
    const offTopic = trace('Our office dog is called Biscuit.', {
      input: { type: 'text', text: 'How long does a refund take?' },
    });
    await store.insertSpans('alpha', [...onTopic, ...offTopic]);
    const job = createOnlineEvalJob({ createEvaluator: onlineEvaluatorFactory(models) });
    await store.jobs.enqueue({ projectId: 'alpha', kind: 'online-eval.run', dedupeKey: 'online-eval.run' });
    expect(await new JobRunner({ store }).register('online-eval.run', job).tick()).toBe(1);
    const scores = await onlineScores();
    const value = (spans: CanonicalSpan[]) =>
      scores.find((score) => score.traceId === spans[0]!.traceId)?.value;
    expect(scores.map((score) => score.name)).toEqual([
      'answer-relevance-embedding',
      'answer-relevance-embedding',
    ]);
    expect(value(onTopic)).toBeGreaterThan((value(offTopic) ?? 1) + 0.1);
  }, 60_000);

  it('refuses rules whose evaluators cannot be built, naming the problem', async () => {
    const rules = new OnlineEvalService(store);
    await expect(rules.create('alpha', { name: 'x', evaluators: [{ name: 'vibes' }] })).rejects.toThrow(
      /unknown evaluator 'vibes'; online rules can use contains, regex, json-valid/,
    );
    await expect(rules.create('alpha', { name: 'x', evaluators: [{ name: 'json-vaild' }] })).rejects.toThrow(
      /did you mean 'json-valid'/,
    );
    await expect(
      rules.create('alpha', {
        name: 'x',
        evaluators: [{ name: 'llm-judge', settings: { model: 'm', rubric: 'r' } }],
      }),
    ).rejects.toThrow(/cannot use 'llm-judge' here: it needs a model/);
    await expect(
      rules.create('alpha', { name: 'x', evaluators: [{ name: 'regex', settings: { pattern: '' } }] }),
    ).rejects.toThrow(/evaluator 'regex' setting 'pattern'/);
    await expect(
      rules.create('alpha', { name: 'x', evaluators: [{ name: 'json-valid' }, { name: 'json-valid' }] }),
    ).rejects.toThrow(/two evaluators of the rule are named 'json-valid'/);
    await expect(
      rules.create('alpha', { name: 'x', sampleRate: 2, evaluators: [{ name: 'json-valid' }] }),
    ).rejects.toThrow(/between 0 and 1/);
    expect(await rules.list('alpha')).toEqual([]);
  });
});
