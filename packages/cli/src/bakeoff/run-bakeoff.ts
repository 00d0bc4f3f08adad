import { randomBytes } from 'node:crypto';
import { modelCallCost, SextantError } from '@sextant/core';
import type { BakeoffMetadata } from '@sextant/core/bakeoff';
import { type Evaluator, evaluationText, runEvaluator } from '@sextant/core/evaluators';
import { type ServerAccess, sendJson } from './gateway-client.js';

export interface BakeoffOptions {
  dataset: string;
  models: string[];
  /** A prompt reference (`support-answer`, `support-answer@production`): rendered with each item's input. */
  prompt?: string;
  split?: string;
  repeats: number;
  concurrency: number;
  maxTokens: number;
  evaluators: Evaluator[];
  onProgress?: (model: string, done: number, total: number, failed: number) => void;
}

interface Item {
  id: string;
  input: unknown;
  expectedOutput: unknown;
  metadata: Record<string, unknown>;
}

interface ChatCompletion {
  choices: { message: { content: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

type Pricing = Parameters<typeof modelCallCost>[0];

/**
 * Runs the same task on every model through the gateway, one experiment per model tagged as one bake-off:
 * each item (x repeats) is a traced gateway call, scored by the evaluators, with its latency and cost.
 * Returns the bake-off id (GET /api/bakeoffs/{id} has the results with intervals and the Pareto front) and,
 * per model, how many runs failed and the first error, so a misconfigured model is not mistaken for a bad one.
 */
export async function runBakeoff(
  access: ServerAccess,
  options: BakeoffOptions,
): Promise<{ id: string; failures: ModelFailures[] }> {
  const { version, items } = await loadItems(access, options.dataset, options.split);
  if (items.length === 0) {
    throw new SextantError(
      'bad_request',
      `dataset '${options.dataset}'${options.split ? ` split '${options.split}'` : ''} has no items; import some with \`sextant datasets import\``,
    );
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const id = `bakeoff-${stamp}-${randomBytes(3).toString('hex')}`;
  const bakeoff: BakeoffMetadata = {
    id,
    models: options.models,
    qualityMetric: options.evaluators[0]?.name ?? 'exact-match',
    ...(options.prompt ? { prompt: options.prompt } : {}),
  };
  const pricing = new Map<string, Promise<Pricing | null>>();
  const failures: ModelFailures[] = [];
  for (const [index, model] of options.models.entries()) {
    const experimentId = `${id}-${index + 1}`;
    await sendJson(access, 'POST', '/api/experiments', {
      id: experimentId,
      name: `bake-off ${options.dataset}: ${model}`,
      datasetName: options.dataset,
      datasetVersion: version,
      model,
      repeats: options.repeats,
      evaluators: options.evaluators.map((evaluator) => ({
        name: evaluator.name,
        version: evaluator.version,
      })),
      metadata: { bakeoff, ...(options.split ? { split: options.split } : {}) },
    });
    failures.push(await runModel(access, options, { model, experimentId, items, pricing }));
    await sendJson(access, 'PATCH', `/api/experiments/${experimentId}`, { status: 'completed' });
  }
  return { id, failures };
}

/** Failed runs of one model. */
export interface ModelFailures {
  model: string;
  failed: number;
  total: number;
  firstError: string | null;
}

async function loadItems(access: ServerAccess, dataset: string, split: string | undefined) {
  const items: Item[] = [];
  let cursor: string | null = null;
  let version = 0;
  do {
    const query = new URLSearchParams({ limit: '1000' });
    if (split) query.set('split', split);
    if (cursor) query.set('cursor', cursor);
    const page: { body: { version: number; items: Item[]; nextCursor: string | null } } = await sendJson(
      access,
      'GET',
      `/api/datasets/${encodeURIComponent(dataset)}/items?${query}`,
    );
    version = page.body.version;
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return { version, items };
}

interface ModelRun {
  model: string;
  experimentId: string;
  items: Item[];
  pricing: Map<string, Promise<Pricing | null>>;
}

async function runModel(
  access: ServerAccess,
  options: BakeoffOptions,
  run: ModelRun,
): Promise<ModelFailures> {
  const jobs = run.items.flatMap((item) =>
    Array.from({ length: options.repeats }, (_, repeat) => ({ item, repeat })),
  );
  const pending: { runs: unknown[]; scores: unknown[] } = { runs: [], scores: [] };
  let done = 0;
  let failed = 0;
  let firstError: string | null = null;
  const flush = async () => {
    if (pending.runs.length === 0) return;
    const batch = { runs: pending.runs.splice(0), scores: pending.scores.splice(0) };
    await sendJson(access, 'POST', `/api/experiments/${run.experimentId}/results`, batch);
  };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { item, repeat } = jobs[next++] as (typeof jobs)[number];
      const result = await callModel(access, options, run, item);
      if (result.error) {
        failed++;
        firstError ??= result.error;
      }
      pending.runs.push({
        itemId: item.id,
        repeat,
        traceId: result.traceId,
        latencyMs: result.latencyMs,
        ...(result.error ? { error: result.error } : { output: result.output }),
        ...(result.cost === null ? {} : { cost: result.cost }),
      });
      if (!result.error)
        pending.scores.push(...(await scoreRun(options.evaluators, item, result, run.experimentId, repeat)));
      options.onProgress?.(run.model, ++done, jobs.length, failed);
      if (pending.runs.length >= 50) await flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, worker));
  await flush();
  return { model: run.model, failed, total: jobs.length, firstError };
}

interface CallResult {
  traceId: string;
  latencyMs: number;
  output?: string;
  error?: string;
  cost: number | null;
}

async function callModel(
  access: ServerAccess,
  options: BakeoffOptions,
  run: ModelRun,
  item: Item,
): Promise<CallResult> {
  const traceId = randomBytes(16).toString('hex');
  // no-store: repeats are independent samples, never answers from the gateway's cache.
  const headers: Record<string, string> = {
    traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    'x-sextant-cache': 'no-store',
  };
  const body: Record<string, unknown> = { max_tokens: options.maxTokens };
  if (options.prompt) {
    body.model = `prompt:${options.prompt}`;
    body.variables =
      typeof item.input === 'object' && item.input !== null ? item.input : { input: item.input };
    headers['x-sextant-prompt-model'] = run.model;
  } else {
    body.model = run.model;
    body.messages = [{ role: 'user', content: inputText(item.input) }];
  }
  const started = performance.now();
  try {
    const answer = await sendJson<ChatCompletion>(access, 'POST', '/v1/chat/completions', body, headers);
    const latencyMs = performance.now() - started;
    const usage = answer.body.usage;
    const cardId = answer.headers.get('x-sextant-model') ?? run.model;
    const pricing = await pricingOf(access, run.pricing, cardId);
    const cost =
      pricing && usage
        ? modelCallCost(pricing, {
            input: usage.prompt_tokens ?? null,
            output: usage.completion_tokens ?? null,
          })
        : null;
    return { traceId, latencyMs, output: answer.body.choices[0]?.message.content ?? '', cost };
  } catch (error) {
    return { traceId, latencyMs: performance.now() - started, error: (error as Error).message, cost: null };
  }
}

/** A single string field (`{ question }`) is the text; other objects go as JSON. */
function inputText(input: unknown): string {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const values = Object.values(input);
    if (values.length === 1 && typeof values[0] === 'string') return values[0];
  }
  return evaluationText(input);
}

function pricingOf(access: ServerAccess, cache: ModelRun['pricing'], cardId: string) {
  let pricing = cache.get(cardId);
  if (!pricing) {
    pricing = sendJson<{ pricing: Pricing }>(access, 'GET', `/api/models/${encodeURIComponent(cardId)}`).then(
      (answer) => answer.body.pricing,
      () => null,
    );
    cache.set(cardId, pricing);
  }
  return pricing;
}

async function scoreRun(
  evaluators: Evaluator[],
  item: Item,
  result: CallResult,
  experimentId: string,
  repeat: number,
) {
  const scores: unknown[] = [];
  for (const evaluator of evaluators) {
    const outcome = await runEvaluator(evaluator, {
      input: item.input,
      output: result.output,
      expected: item.expectedOutput ?? undefined,
      metadata: item.metadata,
    });
    if (!outcome.success) continue; // a failed evaluation is not a 0; the run stays unscored for it
    scores.push({
      id: `${experimentId}:${item.id}:${repeat}:${evaluator.name}`,
      traceId: result.traceId,
      name: evaluator.name,
      value: outcome.value.score,
      label: outcome.value.label,
      passed: outcome.value.passed,
      explanation: outcome.value.explanation?.slice(0, 20_000),
      source: 'experiment',
      evaluatorName: evaluator.name,
      evaluatorVersion: evaluator.version,
      experimentId,
    });
  }
  return scores;
}
