import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import {
  type DatasetItem,
  type Experiment,
  type ExperimentRunInput,
  type ScorePostInput,
  SextantError,
} from '@sextant/core';
import { type Evaluator, runEvaluator, type TargetSelector } from '@sextant/core/evaluators';
import { init, type SextantHandle } from '../init.js';
import { setOutput } from '../span-data.js';
import { withTraceAttributes } from '../trace-attributes.js';
import { withSpan } from '../with-span.js';
import { ExperimentClient, type ServerOptions } from './experiment-client.js';
import { createRateLimiter } from './rate-limiter.js';
import { ResultBatcher } from './result-batcher.js';
import { experimentSpans } from './span-collector.js';

/** Span attributes that link an item run's trace to its experiment. */
export const ExperimentAttributes = {
  id: 'sextant.experiment.id',
  itemId: 'sextant.experiment.item_id',
  repeat: 'sextant.experiment.repeat',
} as const;

/** An evaluator, optionally aimed at a span inside the run's trace (a component) and renamed. */
export interface ExperimentEvaluator {
  evaluator: Evaluator;
  /** Scores this span's field instead of the task's output, e.g. `{ kind: 'retrieval', field: 'documents' }`. */
  target?: TargetSelector;
  /** Score name; default the evaluator's name. */
  name?: string;
}

/** What the task gets besides the item's input. */
export interface TaskContext {
  item: DatasetItem;
  /** 0-based; each repeat is an independent call (nothing is cached between repeats). */
  repeat: number;
  /** The run's root span, for attributes the task wants to add. */
  span: Span;
}

/** Counts reported while the experiment runs. */
export interface ExperimentProgress {
  experimentId: string;
  /** Runs this process finished (including failed ones). */
  done: number;
  /** Runs this process has to do: total minus the ones a resumed experiment had already finished. */
  total: number;
  /** Runs skipped because an earlier process finished them. */
  skipped: number;
  errors: number;
  elapsedMs: number;
}

export interface RunExperimentOptions<Output> extends ServerOptions {
  /** A dataset name (newest version) or a name with a version. */
  dataset: string | { name: string; version?: number };
  /** The chain under test, called once per item and repeat inside the run's root span. */
  task: (input: unknown, context: TaskContext) => Promise<Output> | Output;
  evaluators: readonly (Evaluator | ExperimentEvaluator)[];
  /** Experiment name shown in lists. Default `<dataset> <date>`. */
  name?: string;
  /** Independent runs per item. Default 1. */
  repeats?: number;
  /** Runs in flight at once. Default 4. */
  concurrency?: number;
  /** Spaces task calls to at most this many per minute. */
  rateLimit?: { requestsPerMinute: number };
  /** The release (and so the prompt versions) under test; its id goes on every span of every run. */
  release?: { name: string; version: number };
  promptVersions?: { name: string; version: number }[];
  model?: string;
  metadata?: Record<string, unknown>;
  /** Continues this experiment: (item, repeat) pairs it already recorded are not run again. */
  resume?: string;
  /** Id of a new experiment; default a generated one. */
  id?: string;
  /** Runs per results request. Default 250. */
  batchSize?: number;
  /** Called after every finished run. */
  onProgress?: (progress: ExperimentProgress) => void;
  /**
   * Stops the run as a crash would: no new runs start and results not yet posted are dropped (a resume
   * runs them again). The promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /** A handle from `init`; without one the runner starts tracing for itself and shuts it down at the end. */
  sextant?: SextantHandle;
}

export interface ExperimentResult {
  experiment: Experiment;
  runs: number;
  skipped: number;
  errors: number;
  /** Evaluations that produced no score (missing target, evaluator error), by message, at most 20. */
  evaluationFailures: { count: number; examples: string[] };
  durationMs: number;
}

interface PlannedRun {
  item: DatasetItem;
  repeat: number;
}

/**
 * Runs `task` over a dataset with `repeats` independent runs per item, scores every run with the
 * evaluators (on the output, or on a span of the run's trace), and records runs and scores on the
 * server in batches. Every run is its own trace carrying `sextant.experiment.*` attributes.
 * Resumable: pass `resume: id` after a crash and finished runs are skipped.
 * @example
 * const result = await runExperiment({ dataset: 'qa', task: (input) => answer(String(input)),
 *   evaluators: [contains()], repeats: 3, concurrency: 8 });
 */
export async function runExperiment<Output>(
  options: RunExperimentOptions<Output>,
): Promise<ExperimentResult> {
  const started = performance.now();
  const client = new ExperimentClient(options);
  const evaluators = options.evaluators.map((entry) => ('evaluate' in entry ? { evaluator: entry } : entry));
  const { experiment, items, finished } = await prepare(client, options, evaluators);
  const plan: PlannedRun[] = [];
  for (const item of items) {
    for (let repeat = 0; repeat < experiment.repeats; repeat++) {
      if (!finished.has(runKey(item.id, repeat))) plan.push({ item, repeat });
    }
  }
  const handle =
    options.sextant ?? init({ endpoint: options.endpoint, apiKey: options.apiKey, registerGlobal: true });
  const batcher = new ResultBatcher(client, experiment.id, options.batchSize ?? 250);
  const waitForSlot = createRateLimiter(options.rateLimit?.requestsPerMinute);
  const progress: ExperimentProgress = {
    experimentId: experiment.id,
    done: 0,
    total: plan.length,
    skipped: finished.size,
    errors: 0,
    elapsedMs: 0,
  };
  const failures = { count: 0, examples: [] as string[] };
  const runOne = async ({ item, repeat }: PlannedRun) => {
    await waitForSlot();
    const outcome = await runItem(options, experiment, item, repeat);
    const scores = await scoreRun(evaluators, item, outcome, failures);
    batcher.add(outcome.run, scores);
    progress.done += 1;
    if (outcome.run.error !== undefined) progress.errors += 1;
    progress.elapsedMs = performance.now() - started;
    options.onProgress?.({ ...progress });
  };
  try {
    await runPool(
      plan,
      Math.max(1, options.concurrency ?? 4),
      runOne,
      () => batcher.failure !== undefined || options.signal?.aborted === true,
    );
    if (options.signal?.aborted) {
      await batcher.abandon();
      throw options.signal.reason;
    }
    await batcher.close();
    await handle.flush();
    await client.setStatus(experiment.id, 'completed');
  } finally {
    if (!options.sextant) await handle.shutdown();
  }
  return {
    experiment: { ...experiment, status: 'completed' },
    runs: progress.done,
    skipped: finished.size,
    errors: progress.errors,
    evaluationFailures: failures,
    durationMs: performance.now() - started,
  };
}

const runKey = (itemId: string, repeat: number) => `${itemId}\u0000${repeat}`;

async function prepare<Output>(
  client: ExperimentClient,
  options: RunExperimentOptions<Output>,
  evaluators: readonly ExperimentEvaluator[],
) {
  const dataset = typeof options.dataset === 'string' ? { name: options.dataset } : options.dataset;
  if (options.resume) {
    const experiment = await client.get(options.resume);
    if (experiment.datasetName !== dataset.name) {
      throw new SextantError(
        'bad_request',
        `experiment '${experiment.id}' ran on dataset '${experiment.datasetName}', not '${dataset.name}'; resume it with the same dataset`,
      );
    }
    const { items } = await client.datasetItems(dataset.name, experiment.datasetVersion);
    const finished = new Set(
      (await client.finished(experiment.id)).map((run) => runKey(run.itemId, run.repeat)),
    );
    await client.setStatus(experiment.id, 'running');
    return { experiment, items, finished };
  }
  const repeats = options.repeats ?? 1;
  const { version, items } = await client.datasetItems(dataset.name, dataset.version);
  const experiment = await client.create({
    id:
      options.id ??
      `exp-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomUUID().slice(0, 6)}`,
    name: options.name ?? `${dataset.name} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
    datasetName: dataset.name,
    datasetVersion: version,
    repeats,
    evaluators: evaluators.map(({ evaluator, name }) => ({
      name: name ?? evaluator.name,
      version: evaluator.version,
    })),
    release: options.release,
    promptVersions: options.promptVersions,
    model: options.model,
    metadata: options.metadata ?? {},
  });
  return { experiment, items, finished: new Set<string>() };
}

interface RunOutcome {
  run: ExperimentRunInput & { output?: unknown };
  rootSpanId: string;
  spans: ReturnType<typeof experimentSpans.take>;
}

/** One task call inside its own root span; errors become the run's error, never the experiment's. */
async function runItem<Output>(
  options: RunExperimentOptions<Output>,
  experiment: Experiment,
  item: DatasetItem,
  repeat: number,
): Promise<RunOutcome> {
  const releaseId = experiment.release
    ? `${experiment.release.name}@${experiment.release.version}`
    : undefined;
  const prompt = experiment.promptVersions?.length === 1 ? experiment.promptVersions[0] : undefined;
  let traceId = '';
  let rootSpanId = '';
  let output: unknown;
  let error: string | undefined;
  const begin = performance.now();
  const attributes = {
    [ExperimentAttributes.id]: experiment.id,
    [ExperimentAttributes.itemId]: item.id,
    [ExperimentAttributes.repeat]: repeat,
  };
  try {
    await withTraceAttributes({ releaseId, promptName: prompt?.name, promptVersion: prompt?.version }, () =>
      withSpan(
        `experiment ${experiment.name}`,
        { kind: 'chain', input: item.input, attributes, captureOutput: false },
        async (span) => {
          traceId = span.spanContext().traceId;
          rootSpanId = span.spanContext().spanId;
          experimentSpans.watch(traceId);
          output = await options.task(item.input, { item, repeat, span });
          setOutput(span, output);
        },
      ),
    );
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
  const latencyMs = performance.now() - begin;
  const run: RunOutcome['run'] = { itemId: item.id, repeat, traceId, latencyMs };
  if (output !== undefined) run.output = output;
  if (error !== undefined) run.error = error.slice(0, 20_000);
  return { run, rootSpanId, spans: traceId ? experimentSpans.take(traceId) : () => [] };
}

async function scoreRun(
  evaluators: readonly ExperimentEvaluator[],
  item: DatasetItem,
  outcome: RunOutcome,
  failures: ExperimentResult['evaluationFailures'],
): Promise<ScorePostInput[]> {
  if (outcome.run.error !== undefined || !outcome.run.traceId) return [];
  const scores: ScorePostInput[] = [];
  for (const { evaluator, target, name } of evaluators) {
    const result = await runEvaluator(evaluator, {
      input: item.input,
      output: outcome.run.output,
      expected: item.expectedOutput ?? undefined,
      metadata: item.metadata,
      get spans() {
        return outcome.spans();
      },
      target,
    });
    const scoreName = name ?? evaluator.name;
    if (!result.success) {
      failures.count += 1;
      if (failures.examples.length < 20) failures.examples.push(`${item.id}: ${result.error.message}`);
      continue;
    }
    const score: ScorePostInput = {
      id: `${outcome.run.traceId}:${scoreName}`,
      traceId: outcome.run.traceId,
      spanId: outcome.rootSpanId,
      name: scoreName,
      value: result.value.score,
      source: 'experiment',
      evaluatorName: evaluator.name,
      evaluatorVersion: evaluator.version,
    };
    if (result.value.passed !== undefined) score.passed = result.value.passed;
    if (result.value.label !== undefined) score.label = result.value.label;
    if (result.value.explanation !== undefined) score.explanation = result.value.explanation.slice(0, 20_000);
    scores.push(score);
  }
  return scores;
}

/** Runs `work` over `plan` with at most `concurrency` in flight; starts nothing new once `stop` returns true. */
async function runPool<T>(
  plan: readonly T[],
  concurrency: number,
  work: (entry: T) => Promise<void>,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      if (stop()) return;
      const entry = plan[next++] as T;
      await work(entry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker));
}
