import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { reviewItemSchema, reviewQueueInputSchema, scoreConfigFieldsSchema } from '@sextant/core';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import { queueFillSchema } from '../reviews/review-queue-fill.js';
import type { ReviewService } from '../reviews/review-service.js';

const tag = 'Reviews';
const json = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const anyObject = z.object({}).passthrough();
const queueParams = z.object({ queueId: z.string().min(1) });
const itemParams = queueParams.extend({ itemId: z.string().min(1) });
const reviewerSchema = z
  .string()
  .regex(/^[^\s].{0,199}$/, 'a reviewer is a name or e-mail of 1-200 characters (e.g. ana@example.com)');
const dated = <T extends { createdAt: Date }>(value: T) => ({
  ...value,
  createdAt: value.createdAt.toISOString(),
});

const listConfigs = createRoute({
  method: 'get',
  path: '/api/score-configs',
  tags: [tag],
  summary: 'Score configurations people answer in review queues',
  responses: { 200: jsonContent(z.object({ configs: z.array(anyObject) }), 'By name'), ...errorResponses },
});
const putConfig = createRoute({
  method: 'put',
  path: '/api/score-configs/{name}',
  tags: [tag],
  summary:
    'Create or replace a score configuration: numeric (min/max), ordinal or categorical (categories), boolean',
  request: {
    params: z.object({ name: z.string() }),
    ...json(scoreConfigFieldsSchema.omit({ name: true })),
  },
  responses: { 200: jsonContent(anyObject, 'The stored config'), ...errorResponses },
});
const getConfig = createRoute({
  method: 'get',
  path: '/api/score-configs/{name}',
  tags: [tag],
  summary: 'One score configuration',
  request: { params: z.object({ name: z.string() }) },
  responses: { 200: jsonContent(anyObject, 'The config'), ...errorResponses },
});
const deleteConfig = createRoute({
  method: 'delete',
  path: '/api/score-configs/{name}',
  tags: [tag],
  summary: 'Delete a score configuration (scores already given stay)',
  request: { params: z.object({ name: z.string() }) },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), 'Deleted'), ...errorResponses },
});

const listQueues = createRoute({
  method: 'get',
  path: '/api/review-queues',
  tags: [tag],
  summary: 'Review queues with their item counts, newest first',
  responses: { 200: jsonContent(z.object({ queues: z.array(anyObject) }), 'The queues'), ...errorResponses },
});
const createQueue = createRoute({
  method: 'post',
  path: '/api/review-queues',
  tags: [tag],
  summary: 'Create a pointwise (score items) or pairwise (blind A/B preference) review queue',
  request: json(reviewQueueInputSchema),
  responses: { 201: jsonContent(anyObject, 'Created'), ...errorResponses },
});
const getQueue = createRoute({
  method: 'get',
  path: '/api/review-queues/{queueId}',
  tags: [tag],
  summary: 'A queue with progress per reviewer, inter-annotator agreement, or pairwise win rates and ranking',
  request: { params: queueParams },
  responses: { 200: jsonContent(anyObject, 'Progress and results'), ...errorResponses },
});
const deleteQueue = createRoute({
  method: 'delete',
  path: '/api/review-queues/{queueId}',
  tags: [tag],
  summary: 'Delete a queue with its items and answers (human scores already written stay)',
  request: { params: queueParams },
  responses: { 200: jsonContent(z.object({ deleted: z.string() }), 'Deleted'), ...errorResponses },
});
const addItems = createRoute({
  method: 'post',
  path: '/api/review-queues/{queueId}/items',
  tags: [tag],
  summary: 'Append items (an item id the queue already has is ignored)',
  request: { params: queueParams, ...json(z.object({ items: z.array(reviewItemSchema).min(1).max(5000) })) },
  responses: { 201: jsonContent(z.object({ inserted: z.number() }), 'Added'), ...errorResponses },
});
const fillQueue = createRoute({
  method: 'post',
  path: '/api/review-queues/{queueId}/fill',
  tags: [tag],
  summary:
    'Fill from traces (filter and sample rate), an experiment, a dataset, or two experiments (pairwise)',
  request: { params: queueParams, ...json(queueFillSchema) },
  responses: {
    201: jsonContent(z.object({ found: z.number(), inserted: z.number() }), 'Added'),
    ...errorResponses,
  },
});
const nextItem = createRoute({
  method: 'post',
  path: '/api/review-queues/{queueId}/next',
  tags: [tag],
  summary: 'Take the next item for a reviewer; it is held for them for ten minutes',
  request: { params: queueParams, ...json(z.object({ reviewer: reviewerSchema })) },
  responses: {
    200: jsonContent(
      z.object({ item: anyObject.nullable() }),
      'The item, or null when none is left for them',
    ),
    ...errorResponses,
  },
});
const getItem = createRoute({
  method: 'get',
  path: '/api/review-queues/{queueId}/items/{itemId}',
  tags: [tag],
  summary: 'One item as a reviewer sees it, with their earlier answer',
  request: { params: itemParams, query: z.object({ reviewer: reviewerSchema }) },
  responses: {
    200: jsonContent(z.object({ item: anyObject, answer: anyObject.nullable() }), 'The item'),
    ...errorResponses,
  },
});
const answerItem = createRoute({
  method: 'put',
  path: '/api/review-queues/{queueId}/items/{itemId}/answer',
  tags: [tag],
  summary: "Answer (or skip) an item; replaces the reviewer's earlier answer and writes human scores",
  request: {
    params: itemParams,
    ...json(
      z.object({
        reviewer: reviewerSchema,
        skip: z.boolean().optional(),
        scores: z
          .record(z.string(), z.number())
          .optional()
          .describe('By score config name, e.g. { "helpful": 1 }'),
        comment: z.string().max(20_000).optional(),
        preference: z.enum(['left', 'right', 'tie']).optional().describe('Pairwise queues'),
        reason: z.string().max(20_000).optional(),
      }),
    ),
  },
  responses: { 200: jsonContent(anyObject, 'The stored answer'), ...errorResponses },
});
const toDataset = createRoute({
  method: 'post',
  path: '/api/review-queues/{queueId}/to-dataset',
  tags: [tag],
  summary: 'Add the reviewed items with their labels to a dataset (created when missing) as a new version',
  request: { params: queueParams, ...json(z.object({ dataset: z.string().min(1) })) },
  responses: {
    201: jsonContent(z.object({ dataset: z.string(), version: z.number(), items: z.number() }), 'Added'),
    ...errorResponses,
  },
});

/** Score configs and review queues. */
export function mountReviewRoutes(app: OpenAPIHono<AppEnv>, reviews: ReviewService) {
  app.openapi(listConfigs, async (context) => {
    const configs = await reviews.listScoreConfigs(context.var.projectId);
    return context.json({ configs: configs.map(dated) }, 200);
  });
  app.openapi(putConfig, async (context) => {
    const config = await reviews.putScoreConfig(
      context.var.projectId,
      { ...context.req.valid('json'), name: context.req.valid('param').name },
      callerOf(context),
    );
    return context.json(dated(config), 200);
  });
  app.openapi(getConfig, async (context) =>
    context.json(
      dated(await reviews.getScoreConfig(context.var.projectId, context.req.valid('param').name)),
      200,
    ),
  );
  app.openapi(deleteConfig, async (context) => {
    const { name } = context.req.valid('param');
    await reviews.deleteScoreConfig(context.var.projectId, name, callerOf(context));
    return context.json({ deleted: name }, 200);
  });

  app.openapi(listQueues, async (context) => {
    const queues = await reviews.listQueues(context.var.projectId);
    return context.json({ queues: queues.map((entry) => ({ ...entry, queue: dated(entry.queue) })) }, 200);
  });
  app.openapi(createQueue, async (context) =>
    context.json(
      dated(await reviews.createQueue(context.var.projectId, context.req.valid('json'), callerOf(context))),
      201,
    ),
  );
  app.openapi(getQueue, async (context) => {
    const { queueId } = context.req.valid('param');
    const [progress, results] = await Promise.all([
      reviews.progress(context.var.projectId, queueId),
      reviews.results(context.var.projectId, queueId),
    ]);
    return context.json({ ...progress, queue: dated(progress.queue), ...results }, 200);
  });
  app.openapi(deleteQueue, async (context) => {
    const { queueId } = context.req.valid('param');
    await reviews.deleteQueue(context.var.projectId, queueId, callerOf(context));
    return context.json({ deleted: queueId }, 200);
  });
  app.openapi(addItems, async (context) =>
    context.json(
      await reviews.addItems(
        context.var.projectId,
        context.req.valid('param').queueId,
        context.req.valid('json').items,
      ),
      201,
    ),
  );
  app.openapi(fillQueue, async (context) =>
    context.json(
      await reviews.fill(
        context.var.projectId,
        context.req.valid('param').queueId,
        context.req.valid('json'),
      ),
      201,
    ),
  );
  app.openapi(nextItem, async (context) => {
    const item = await reviews.next(
      context.var.projectId,
      context.req.valid('param').queueId,
      context.req.valid('json').reviewer,
    );
    return context.json({ item }, 200);
  });
  app.openapi(getItem, async (context) => {
    const { queueId, itemId } = context.req.valid('param');
    return context.json(
      await reviews.itemForReviewer(
        context.var.projectId,
        queueId,
        itemId,
        context.req.valid('query').reviewer,
      ),
      200,
    );
  });
  app.openapi(answerItem, async (context) => {
    const { queueId, itemId } = context.req.valid('param');
    const answer = await reviews.answer(context.var.projectId, queueId, itemId, context.req.valid('json'));
    return context.json({ ...answer, updatedAt: answer.updatedAt.toISOString() }, 200);
  });
  app.openapi(toDataset, async (context) =>
    context.json(
      await reviews.addToDataset(
        context.var.projectId,
        context.req.valid('param').queueId,
        context.req.valid('json').dataset,
      ),
      201,
    ),
  );
}
