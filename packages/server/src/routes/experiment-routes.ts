import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { datasetNameSchema, experimentIdSchema, experimentStatusSchema } from '@sextant/core';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { ExperimentService } from '../services/experiment-service.js';
import {
  comparisonSchema,
  createExperimentBodySchema,
  experimentJson,
  experimentParamsSchema,
  experimentSchema,
  resultsBodySchema,
  scoredRunJson,
  showExperimentQuerySchema,
  summarySchema,
} from './experiment-schemas.js';

const tag = 'Experiments';
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const conflict = { 409: jsonContent(errorResponses[400].content['application/json'].schema, 'Id taken') };

const createExperiment = createRoute({
  method: 'post',
  path: '/api/experiments',
  tags: [tag],
  summary: 'Start an experiment over a dataset version (default: the newest)',
  request: { body: json(createExperimentBodySchema) },
  responses: {
    201: jsonContent(z.object({ experiment: experimentSchema }), 'Started'),
    ...errorResponses,
    ...conflict,
  },
});

const listExperiments = createRoute({
  method: 'get',
  path: '/api/experiments',
  tags: [tag],
  summary: 'Experiments of the project, newest first',
  request: {
    query: z.object({
      dataset: datasetNameSchema.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: {
    200: jsonContent(z.object({ experiments: z.array(experimentSchema) }), 'The experiments'),
    ...errorResponses,
  },
});

const compareRoute = createRoute({
  method: 'get',
  path: '/api/experiments/compare',
  tags: [tag],
  summary: 'Baseline vs candidate on their shared items: paired differences, intervals, p-values, McNemar',
  request: { query: z.object({ baseline: experimentIdSchema, candidate: experimentIdSchema }) },
  responses: {
    200: jsonContent(
      z.object({ baseline: experimentSchema, candidate: experimentSchema, comparison: comparisonSchema }),
      'The comparison',
    ),
    ...errorResponses,
  },
});

const showExperiment = createRoute({
  method: 'get',
  path: '/api/experiments/{id}',
  tags: [tag],
  summary:
    'An experiment with aggregate scores over all its runs (95% intervals, repeats clustered by item) and a page of its items',
  request: { params: experimentParamsSchema, query: showExperimentQuerySchema },
  responses: {
    200: jsonContent(z.object({ experiment: experimentSchema, summary: summarySchema }), 'The experiment'),
    ...errorResponses,
  },
});

const setStatus = createRoute({
  method: 'patch',
  path: '/api/experiments/{id}',
  tags: [tag],
  summary: 'Mark an experiment completed or failed (or running again, when resumed)',
  request: { params: experimentParamsSchema, body: json(z.object({ status: experimentStatusSchema })) },
  responses: { 200: jsonContent(z.object({ experiment: experimentSchema }), 'Updated'), ...errorResponses },
});

const postResults = createRoute({
  method: 'post',
  path: '/api/experiments/{id}/results',
  tags: [tag],
  summary: 'Record a batch of item runs and their scores; re-sending a batch is harmless',
  request: { params: experimentParamsSchema, body: json(resultsBodySchema) },
  responses: {
    200: jsonContent(z.object({ runs: z.number(), scores: z.number().describe('New scores') }), 'Recorded'),
    ...errorResponses,
  },
});

const finishedRuns = createRoute({
  method: 'get',
  path: '/api/experiments/{id}/finished',
  tags: [tag],
  summary: 'The (item, repeat) pairs already run, which a resumed run skips',
  request: { params: experimentParamsSchema },
  responses: {
    200: jsonContent(
      z.object({ runs: z.array(z.object({ itemId: z.string(), repeat: z.number() })) }),
      'Finished runs',
    ),
    ...errorResponses,
  },
});

export function mountExperimentRoutes(app: OpenAPIHono<AppEnv>, experiments: ExperimentService) {
  app.openapi(createExperiment, async (context) => {
    const experiment = await experiments.create(context.var.projectId, context.req.valid('json'));
    return context.json({ experiment: experimentJson(experiment) }, 201);
  });
  app.openapi(listExperiments, async (context) => {
    const { dataset, limit } = context.req.valid('query');
    const listed = await experiments.list(context.var.projectId, { datasetName: dataset, limit });
    return context.json({ experiments: listed.map(experimentJson) }, 200);
  });
  app.openapi(compareRoute, async (context) => {
    const { baseline, candidate } = context.req.valid('query');
    const result = await experiments.compare(context.var.projectId, baseline, candidate);
    const comparison = {
      ...result.comparison,
      itemComparisons: result.comparison.itemComparisons.map((item) => ({
        ...item,
        baseline: { ...item.baseline, runs: item.baseline.runs.map(scoredRunJson) },
        candidate: { ...item.candidate, runs: item.candidate.runs.map(scoredRunJson) },
      })),
    };
    return context.json(
      { baseline: experimentJson(result.baseline), candidate: experimentJson(result.candidate), comparison },
      200,
    );
  });
  app.openapi(showExperiment, async (context) => {
    const { itemsLimit, itemsCursor, itemsFilter } = context.req.valid('query');
    const { experiment, summary } = await experiments.summaryPage(
      context.var.projectId,
      context.req.valid('param').id,
      { limit: itemsLimit, cursor: itemsCursor, filter: itemsFilter },
    );
    const itemSummaries = summary.itemSummaries.map((item) => ({
      ...item,
      runs: item.runs.map(scoredRunJson),
    }));
    return context.json(
      { experiment: experimentJson(experiment), summary: { ...summary, itemSummaries } },
      200,
    );
  });
  app.openapi(setStatus, async (context) => {
    const experiment = await experiments.setStatus(
      context.var.projectId,
      context.req.valid('param').id,
      context.req.valid('json').status,
    );
    return context.json({ experiment: experimentJson(experiment) }, 200);
  });
  app.openapi(postResults, async (context) =>
    context.json(
      await experiments.recordResults(
        context.var.projectId,
        context.req.valid('param').id,
        context.req.valid('json'),
      ),
      200,
    ),
  );
  app.openapi(finishedRuns, async (context) =>
    context.json(
      { runs: await experiments.finishedRuns(context.var.projectId, context.req.valid('param').id) },
      200,
    ),
  );
}
