import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type Score, scoreInputSchema, scoreSeriesGroupSchema, scoreSourceSchema } from '@sextant/core';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { ScoreService } from '../services/score-service.js';

const tag = 'Scores';

/** A score as answered: dates as ISO strings. */
export const scoreResponseSchema = z
  .object({
    id: z.string(),
    traceId: z.string(),
    spanId: z.string().optional(),
    name: z.string(),
    value: z.number(),
    label: z.string().optional(),
    passed: z.boolean().optional(),
    explanation: z.string().optional(),
    comment: z.string().optional(),
    source: scoreSourceSchema,
    evaluatorName: z.string().optional(),
    evaluatorVersion: z.string().optional(),
    author: z.string().optional(),
    experimentId: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('Score');

/** JSON form of a stored score. */
export const scoreJson = (score: Score) => ({ ...score, createdAt: score.createdAt.toISOString() });

const postScores = createRoute({
  method: 'post',
  path: '/api/scores',
  tags: [tag],
  summary: 'Write scores of traces; a score id the project already has is ignored',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ scores: z.array(scoreInputSchema).min(1).max(10_000) }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: jsonContent(
      z.object({
        inserted: z.number().describe('New scores; ids seen before are not counted'),
        ids: z.array(z.string()).describe('The id of each posted score, generated where it had none'),
      }),
      'Written',
    ),
    ...errorResponses,
  },
});

const commaList = z
  .string()
  .transform((value) => value.split(',').filter((part) => part.length > 0))
  .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{32}$/, 'each trace id is 32 hex characters')).max(1000));

const listScores = createRoute({
  method: 'get',
  path: '/api/scores',
  tags: [tag],
  summary: 'List scores, newest first, by traces, experiment, name, source or time',
  request: {
    query: z.object({
      traceIds: commaList.optional().describe('Comma-separated trace ids'),
      experimentId: z.string().optional(),
      name: z.string().optional(),
      source: scoreSourceSchema.optional(),
      since: z.coerce.date().optional(),
      until: z.coerce.date().optional(),
      limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    }),
  },
  responses: {
    200: jsonContent(z.object({ scores: z.array(scoreResponseSchema) }), 'The scores'),
    ...errorResponses,
  },
});

const scoreSeries = createRoute({
  method: 'get',
  path: '/api/scores/series',
  tags: [tag],
  summary: 'Count, mean and pass rate of scores per time bucket, overall or by name, release or prompt',
  request: {
    query: z.object({
      name: z.string().optional(),
      source: scoreSourceSchema.optional(),
      start: z.coerce.date(),
      end: z.coerce.date(),
      bucketSeconds: z.coerce.number().positive().default(3600),
      groupBy: scoreSeriesGroupSchema.default('none'),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        points: z.array(
          z.object({
            bucketStart: z.string(),
            group: z.string(),
            count: z.number(),
            mean: z.number(),
            passRate: z.number().nullable().describe('Over scores with `passed` set; null when none has'),
          }),
        ),
      }),
      'The series, oldest bucket first',
    ),
    ...errorResponses,
  },
});

export function mountScoreRoutes(app: OpenAPIHono<AppEnv>, scores: ScoreService) {
  app.openapi(postScores, async (context) =>
    context.json(await scores.putScores(context.var.projectId, context.req.valid('json').scores), 201),
  );
  app.openapi(listScores, async (context) => {
    const { traceIds, ...query } = context.req.valid('query');
    const listed = await scores.listScores(context.var.projectId, {
      ...query,
      traceIds: traceIds?.map((id) => id.toLowerCase()),
    });
    return context.json({ scores: listed.map(scoreJson) }, 200);
  });
  app.openapi(scoreSeries, async (context) => {
    const points = await scores.scoreSeries(context.var.projectId, context.req.valid('query'));
    return context.json(
      { points: points.map((point) => ({ ...point, bucketStart: point.bucketStart.toISOString() })) },
      200,
    );
  });
}
