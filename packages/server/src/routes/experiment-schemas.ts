import { z } from '@hono/zod-openapi';
import {
  type Experiment,
  experimentEvaluatorSchema,
  experimentIdSchema,
  experimentInputSchema,
  experimentRunSchema,
  experimentStatusSchema,
  type ScoredRun,
  scoreInputSchema,
} from '@sextant/core';

export const experimentParamsSchema = z.object({ id: experimentIdSchema });

// The error handler prefixes the field name: "itemsLimit: must be ...".
const itemsLimitRange = 'must be a whole number from 1 to 1000';

export const showExperimentQuerySchema = z.object({
  itemsLimit: z.coerce
    .number({ error: itemsLimitRange })
    .int(itemsLimitRange)
    .min(1, itemsLimitRange)
    .max(1000, itemsLimitRange)
    .default(100)
    .describe('Items per page, 1 to 1000'),
  itemsCursor: z
    .string()
    .min(1)
    .optional()
    .describe('summary.nextItemsCursor of the previous page; leave out for the first page'),
  itemsFilter: z
    .enum(['all', 'flaky'])
    .default('all')
    .describe('flaky: only items whose repeats disagree on some score'),
});

export const experimentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    datasetName: z.string(),
    datasetVersion: z.number(),
    release: z.object({ name: z.string(), version: z.number() }).optional(),
    promptVersions: z.array(z.object({ name: z.string(), version: z.number() })).optional(),
    model: z.string().optional(),
    repeats: z.number(),
    itemCount: z.number().describe('Items of the dataset version; runs expected = itemCount x repeats'),
    evaluators: z.array(experimentEvaluatorSchema),
    metadata: z.record(z.string(), z.unknown()),
    status: experimentStatusSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Experiment');

export const experimentJson = (experiment: Experiment) => ({
  ...experiment,
  createdAt: experiment.createdAt.toISOString(),
  updatedAt: experiment.updatedAt.toISOString(),
});

export const createExperimentBodySchema = experimentInputSchema.omit({ itemCount: true }).extend({
  datasetVersion: experimentInputSchema.shape.datasetVersion.optional().describe('Default: the newest'),
});

export const resultsBodySchema = z.object({
  runs: z.array(experimentRunSchema).max(10_000).default([]),
  scores: z.array(scoreInputSchema).max(100_000).default([]),
});

const intervalSchema = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() });
const pValueSchema = z.object({ twoSided: z.number(), greater: z.number(), less: z.number() });

export const scoredRunSchema = z
  .object({
    itemId: z.string(),
    repeat: z.number(),
    traceId: z.string(),
    output: z.unknown().optional(),
    error: z.string().optional(),
    latencyMs: z.number(),
    cost: z.number().optional(),
    scores: z.record(
      z.string(),
      z.object({
        value: z.number(),
        passed: z.boolean().optional(),
        label: z.string().optional(),
        explanation: z.string().optional(),
      }),
    ),
  })
  .openapi('ExperimentRun');

export const scoredRunJson = ({ experimentId: _experimentId, createdAt: _createdAt, ...run }: ScoredRun) =>
  run;

export const summarySchema = z
  .object({
    runs: z.number(),
    errors: z.number(),
    items: z.number(),
    latencyMs: z.object({ mean: z.number(), p50: z.number(), p95: z.number() }).nullable(),
    cost: z.number().nullable(),
    metrics: z.array(
      z.object({
        name: z.string(),
        count: z.number(),
        items: z.number().describe('Items scored: the units of the intervals (repeats are clustered)'),
        mean: intervalSchema.describe('Mean of item means; 95% seeded bootstrap over items'),
        passRate: intervalSchema
          .extend({ passed: z.number(), total: z.number() })
          .nullable()
          .describe('95% Wilson interval on item pass fractions; null without pass/fail'),
        flakyItems: z.number(),
      }),
    ),
    itemSummaries: z
      .array(
        z.object({
          itemId: z.string(),
          runs: z.array(scoredRunSchema),
          means: z.record(z.string(), z.number()),
          flakyOn: z.array(z.string()).describe('Scores on which the repeats disagree'),
        }),
      )
      .describe('One page of items, by item id; the aggregates above cover every item'),
    itemsTotal: z.number().describe('Items on all pages (with itemsFilter=flaky: the flaky items)'),
    nextItemsCursor: z
      .string()
      .nullable()
      .describe('Pass as itemsCursor for the next page; null on the last page'),
  })
  .openapi('ExperimentSummary');

export const comparisonSchema = z
  .object({
    items: z.number(),
    onlyBaseline: z.number(),
    onlyCandidate: z.number(),
    metrics: z.array(
      z.object({
        name: z.string(),
        items: z.number(),
        meanBaseline: z.number(),
        meanCandidate: z.number(),
        meanDifference: z.number().describe('Candidate minus baseline, item means first'),
        interval: z.object({ lower: z.number(), upper: z.number(), level: z.number() }),
        pValue: pValueSchema.describe('Sign-flip permutation test of the paired item differences'),
        mcnemar: z
          .object({
            baselineOnly: z.number(),
            candidateOnly: z.number(),
            bothPassed: z.number(),
            bothFailed: z.number(),
            pValue: pValueSchema,
          })
          .nullable()
          .describe('Exact McNemar on pass/fail (an item passes when most of its repeats pass)'),
      }),
    ),
    itemComparisons: z.array(
      z.object({
        itemId: z.string(),
        baseline: z.object({ runs: z.array(scoredRunSchema), means: z.record(z.string(), z.number()) }),
        candidate: z.object({ runs: z.array(scoredRunSchema), means: z.record(z.string(), z.number()) }),
        deltas: z.record(z.string(), z.number()),
      }),
    ),
  })
  .openapi('ExperimentComparison');
