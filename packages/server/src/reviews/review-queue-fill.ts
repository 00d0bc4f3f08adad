import { z } from '@hono/zod-openapi';
import { type ReviewItem, SextantError, type TraceQuery, traceQuerySchema } from '@sextant/core';
import type { Store } from '@sextant/store';
import { reviewItemFromTrace } from './review-item-from-trace.js';

/** Where a queue's items come from. */
export const queueFillSchema = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('traces'),
    filter: traceQuerySchema.omit({ sort: true, order: true, limit: true, cursor: true }).default({}),
    sampleRate: z.number().gt(0).max(1).default(1).describe('Share of matching traces to take, e.g. 0.1'),
    limit: z.number().int().min(1).max(5000).default(100),
  }),
  z.object({
    from: z.literal('trace'),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters')
      .transform((id) => id.toLowerCase()),
  }),
  z.object({
    from: z.literal('experiment'),
    experimentId: z.string().min(1),
    limit: z.number().int().min(1).max(5000).default(1000),
  }),
  z.object({
    from: z.literal('dataset'),
    name: z.string().min(1),
    version: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(5000).default(1000),
  }),
  z.object({
    from: z.literal('experiments-pairwise'),
    baselineExperimentId: z.string().min(1),
    candidateExperimentId: z.string().min(1),
    limit: z.number().int().min(1).max(5000).default(1000),
  }),
]);
export type QueueFill = z.infer<typeof queueFillSchema>;

/**
 * The same trace always lands on the same side of a sample rate (hash of its id), so filling a queue twice
 * at 10% takes the same 10%, and the sample is as random as trace ids are.
 */
export function inSample(traceId: string, rate: number): boolean {
  return Number.parseInt(traceId.slice(-8), 16) / 0x1_0000_0000 < rate;
}

async function fromTraces(store: Store, projectId: string, fill: Extract<QueueFill, { from: 'traces' }>) {
  const items: ReviewItem[] = [];
  let cursor: string | undefined;
  do {
    const query: TraceQuery = { ...fill.filter, sort: 'time', order: 'desc', limit: 500, cursor };
    const page = await store.listTraces(projectId, query);
    for (const trace of page.traces) {
      if (items.length >= fill.limit) break;
      if (!inSample(trace.traceId, fill.sampleRate)) continue;
      const detail = await store.getTrace(projectId, trace.traceId);
      if (detail) items.push(reviewItemFromTrace(trace.traceId, detail.spans));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < fill.limit);
  return items;
}

/** One trace, e.g. from "Add to review queue" on the trace page. */
async function fromTrace(store: Store, projectId: string, traceId: string) {
  const detail = await store.getTrace(projectId, traceId);
  if (!detail) throw new SextantError('not_found', `trace '${traceId}' not found in this project`);
  return [reviewItemFromTrace(traceId, detail.spans)];
}

async function requireExperiment(store: Store, projectId: string, experimentId: string) {
  const experiment = await store.experiments.get(projectId, experimentId);
  if (!experiment)
    throw new SextantError(
      'not_found',
      `experiment '${experimentId}' not found; list them with GET /api/experiments`,
    );
  return experiment;
}

/** Dataset items of an experiment's dataset version, by id, for the input and expected output of its runs. */
async function datasetItems(
  store: Store,
  projectId: string,
  name: string,
  version: number | undefined,
  limit: number,
) {
  const dataset = await store.datasets.get(projectId, name);
  if (!dataset)
    throw new SextantError('not_found', `dataset '${name}' not found; list them with GET /api/datasets`);
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await store.datasets.listItems(projectId, name, { version, cursor, limit: 1000 });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < limit);
  return items.slice(0, limit);
}

async function fromExperiment(
  store: Store,
  projectId: string,
  fill: Extract<QueueFill, { from: 'experiment' }>,
) {
  const experiment = await requireExperiment(store, projectId, fill.experimentId);
  const items = new Map(
    (await datasetItems(store, projectId, experiment.datasetName, experiment.datasetVersion, 100_000)).map(
      (item) => [item.id, item],
    ),
  );
  const runs = (await store.experiments.listRuns(projectId, experiment.id)).filter(
    (run) => run.error === undefined,
  );
  return runs.slice(0, fill.limit).map(
    (run): ReviewItem => ({
      id: run.repeat === 0 ? run.itemId : `${run.itemId}.r${run.repeat}`,
      source: 'experiment',
      traceId: run.traceId,
      origin: `experiment:${experiment.id}`,
      input: items.get(run.itemId)?.input ?? null,
      output: run.output,
      expectedOutput: items.get(run.itemId)?.expectedOutput ?? undefined,
    }),
  );
}

async function fromDataset(store: Store, projectId: string, fill: Extract<QueueFill, { from: 'dataset' }>) {
  const items = await datasetItems(store, projectId, fill.name, fill.version, fill.limit);
  return items.map(
    (item): ReviewItem => ({
      id: item.id,
      source: 'dataset',
      origin: `dataset:${fill.name}@${item.version}`,
      input: item.input,
      // A dataset item's expected output is what gets reviewed (e.g. checking labels before a release).
      output: item.expectedOutput ?? undefined,
    }),
  );
}

async function fromExperimentPair(
  store: Store,
  projectId: string,
  fill: Extract<QueueFill, { from: 'experiments-pairwise' }>,
) {
  const baseline = await requireExperiment(store, projectId, fill.baselineExperimentId);
  const candidate = await requireExperiment(store, projectId, fill.candidateExperimentId);
  const inputs = new Map(
    (await datasetItems(store, projectId, baseline.datasetName, baseline.datasetVersion, 100_000)).map(
      (item) => [item.id, item.input],
    ),
  );
  const firstRun = async (experimentId: string) =>
    new Map(
      (await store.experiments.listRuns(projectId, experimentId))
        .filter((run) => run.repeat === 0 && run.error === undefined)
        .map((run) => [run.itemId, run]),
    );
  const [left, right] = await Promise.all([firstRun(baseline.id), firstRun(candidate.id)]);
  const items: ReviewItem[] = [];
  for (const [itemId, run] of left) {
    const other = right.get(itemId);
    if (!other || items.length >= fill.limit) continue;
    items.push({
      id: itemId,
      source: 'experiment',
      origin: `experiments:${baseline.id} vs ${candidate.id}`,
      input: inputs.get(itemId) ?? null,
      candidates: [
        { system: baseline.id, traceId: run.traceId, output: run.output },
        { system: candidate.id, traceId: other.traceId, output: other.output },
      ],
    });
  }
  if (items.length === 0) {
    throw new SextantError(
      'bad_request',
      `experiments '${baseline.id}' and '${candidate.id}' share no finished items to compare`,
    );
  }
  return items;
}

/** Reads the items a fill asks for; nothing is written. */
export function collectQueueItems(store: Store, projectId: string, fill: QueueFill): Promise<ReviewItem[]> {
  switch (fill.from) {
    case 'traces':
      return fromTraces(store, projectId, fill);
    case 'trace':
      return fromTrace(store, projectId, fill.traceId);
    case 'experiment':
      return fromExperiment(store, projectId, fill);
    case 'dataset':
      return fromDataset(store, projectId, fill);
    case 'experiments-pairwise':
      return fromExperimentPair(store, projectId, fill);
  }
}
