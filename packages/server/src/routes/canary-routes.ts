import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { CanaryDecisionRecord, CanaryRecord } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { CanaryService } from '../services/canary-service.js';

const tag = 'Canaries';

const startSchema = z.object({
  prompt: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The prompt whose label traffic is split (`prompt:NAME@LABEL` calls); give this or `release`'),
  release: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'The release whose label traffic is split (`release:NAME@LABEL` calls); give this or `prompt`. ' +
        "The candidate must pass the label's gates; promotion moves the label through them (recorded as a canary promotion)",
    ),
  label: z.string().min(1).max(100).default('production'),
  candidateVersion: z.number().int().positive(),
  share: z.number().gt(0).lt(1).default(0.1).describe('Share of users (or sessions) served by the candidate'),
  stickyBy: z.enum(['user', 'session']).default('user'),
  score: z.string().min(1).max(200).describe('Online score in [0, 1] compared between the arms'),
  margin: z
    .number()
    .min(0)
    .max(1)
    .default(0.02)
    .describe('Promote when the candidate is not worse by more than this'),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  minimumPerArm: z.number().int().min(2).max(1_000_000).default(30),
});

const canarySchema = z
  .object({
    id: z.string(),
    targetType: z.enum(['prompt', 'release']),
    name: z.string(),
    label: z.string(),
    baselineVersion: z.number(),
    candidateVersion: z.number(),
    share: z.number(),
    stickyBy: z.enum(['user', 'session']),
    score: z.string(),
    margin: z.number(),
    alpha: z.number(),
    minimumPerArm: z.number(),
    status: z.enum(['running', 'promoted', 'rolled_back', 'stopped']),
    lastDecision: z.unknown(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Canary');

const decisionSchema = z.object({
  id: z.number(),
  decision: z.enum(['promote', 'continue', 'rollback']),
  evidence: z.unknown(),
  createdAt: z.string(),
});

const canaryJson = ({ projectId: _projectId, createdAt, updatedAt, ...canary }: CanaryRecord) => ({
  ...canary,
  createdAt: createdAt.toISOString(),
  updatedAt: updatedAt.toISOString(),
});
const decisionJson = ({ canaryId: _canaryId, createdAt, ...decision }: CanaryDecisionRecord) => ({
  ...decision,
  createdAt: createdAt.toISOString(),
});
const idParams = z.object({ id: z.string().min(1).max(100) });

const startCanary = createRoute({
  method: 'post',
  path: '/api/canaries',
  tags: [tag],
  summary:
    "Start a canary: the gateway sends a share of a prompt or release label's traffic to a candidate version, sticky per user or session (audited)",
  request: { body: { content: { 'application/json': { schema: startSchema } }, required: true } },
  responses: { 201: jsonContent(canarySchema, 'Started'), ...errorResponses },
});
const listCanaries = createRoute({
  method: 'get',
  path: '/api/canaries',
  tags: [tag],
  summary: 'Canaries, newest first, with their last decision',
  responses: {
    200: jsonContent(z.object({ canaries: z.array(canarySchema) }), 'Canaries'),
    ...errorResponses,
  },
});
const getCanary = createRoute({
  method: 'get',
  path: '/api/canaries/{id}',
  tags: [tag],
  summary: 'One canary with every look the sequential test took, newest first, and its evidence',
  request: { params: idParams },
  responses: {
    200: jsonContent(z.object({ canary: canarySchema, decisions: z.array(decisionSchema) }), 'The canary'),
    ...errorResponses,
  },
});
const stopCanary = createRoute({
  method: 'post',
  path: '/api/canaries/{id}/stop',
  tags: [tag],
  summary: 'Stop a running canary by hand: all traffic returns to the label (audited)',
  request: { params: idParams },
  responses: { 200: jsonContent(canarySchema, 'Stopped'), ...errorResponses },
});
const evaluateCanaries = createRoute({
  method: 'post',
  path: '/api/canaries/evaluate',
  tags: [tag],
  summary: "Look at every running canary now (the 'canary.evaluate' job does this every minute)",
  responses: {
    200: jsonContent(z.object({ looks: z.array(z.unknown()) }), 'One look per running canary'),
    ...errorResponses,
  },
});

/** Canaries' REST API under /api/canaries, scoped to the caller's project. */
export function mountCanaryRoutes(app: OpenAPIHono<AppEnv>, canaries: CanaryService) {
  app.openapi(startCanary, async (context) => {
    const canary = await canaries.start(context.var.projectId, context.req.valid('json'), callerOf(context));
    return context.json(canaryJson(canary), 201);
  });
  app.openapi(listCanaries, async (context) => {
    return context.json({ canaries: (await canaries.list(context.var.projectId)).map(canaryJson) }, 200);
  });
  app.openapi(evaluateCanaries, async (context) => {
    return context.json({ looks: await canaries.evaluateAll(context.var.projectId) }, 200);
  });
  app.openapi(getCanary, async (context) => {
    const { canary, decisions } = await canaries.get(context.var.projectId, context.req.valid('param').id);
    return context.json({ canary: canaryJson(canary), decisions: decisions.map(decisionJson) }, 200);
  });
  app.openapi(stopCanary, async (context) => {
    const canary = await canaries.stop(
      context.var.projectId,
      context.req.valid('param').id,
      callerOf(context),
    );
    return context.json(canaryJson(canary), 200);
  });
}
