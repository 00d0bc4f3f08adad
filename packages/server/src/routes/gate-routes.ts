import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { GateRunRecord, LabelGate, PromotionRecord } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { GateService } from '../services/gate-service.js';
import type { ReleaseService } from '../services/release-service.js';
import { labelMoveSchema, writeErrorResponses } from './registry-routes.js';

const tag = 'Gates';
const statusSchema = z.enum(['passed', 'failed', 'error']);
const releaseRefSchema = z.object({ name: z.string().min(1).max(200), version: z.number().int().positive() });

const gateRunBodySchema = z.object({
  suite: z.string().min(1).max(100),
  release: releaseRefSchema.optional().describe('The release version the suite ran against'),
  dataset: z.string().max(300).optional(),
  baseline: z.string().max(500).optional(),
  experimentId: z.string().max(100).optional(),
  verdict: z
    .looseObject({ status: statusSchema, verdicts: z.array(z.unknown()) })
    .describe('The suite verdict `sextant eval` computed: gates with their evidence'),
  results: z
    .looseObject({ suite: z.string(), items: z.array(z.unknown()) })
    .describe('Every run of the suite'),
});

const gateRunSchema = z
  .object({
    id: z.string(),
    suite: z.string(),
    release: releaseRefSchema.nullable(),
    status: statusSchema,
    dataset: z.string().nullable(),
    baseline: z.string().nullable(),
    experimentId: z.string().nullable(),
    verdict: z.unknown(),
    results: z.unknown().optional(),
    actor: z.string(),
    createdAt: z.string(),
  })
  .openapi('GateRun');

const labelGateSchema = z.object({
  releaseName: z.string(),
  label: z.string(),
  suites: z.array(z.string()),
  updatedAt: z.string(),
});
const promotionSchema = z
  .object({
    id: z.number(),
    releaseName: z.string(),
    label: z.string(),
    fromVersion: z.number().nullable(),
    toVersion: z.number().nullable(),
    kind: z.enum(['promote', 'override', 'rollback', 'canary']),
    reason: z.string().nullable(),
    gateRunIds: z.array(z.string()),
    actor: z.string(),
    createdAt: z.string(),
  })
  .openapi('Promotion');

const runJson = ({ projectId: _projectId, createdAt, ...run }: GateRunRecord) => ({
  ...run,
  createdAt: createdAt.toISOString(),
});
const gateJson = (gate: LabelGate) => ({ ...gate, updatedAt: gate.updatedAt.toISOString() });
const promotionJson = (promotion: PromotionRecord) => ({
  ...promotion,
  createdAt: promotion.createdAt.toISOString(),
});
const nameParams = z.object({ name: z.string().min(1).max(200) });
const labelParams = nameParams.extend({ label: z.string().min(1).max(100) });

const recordRun = createRoute({
  method: 'post',
  path: '/api/gate-runs',
  tags: [tag],
  summary: 'Store a gate run (what `sextant eval --record` sends), linked to its release version',
  request: { body: { content: { 'application/json': { schema: gateRunBodySchema } }, required: true } },
  responses: { 201: jsonContent(gateRunSchema, 'Stored'), ...errorResponses },
});
const listRuns = createRoute({
  method: 'get',
  path: '/api/gate-runs',
  tags: [tag],
  summary: 'Gate runs, newest first, without their runs',
  request: {
    query: z.object({
      release: z.string().optional(),
      version: z.coerce.number().int().positive().optional(),
      suite: z.string().optional(),
      status: statusSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: { 200: jsonContent(z.object({ runs: z.array(gateRunSchema) }), 'Gate runs'), ...errorResponses },
});
const baselineRun = createRoute({
  method: 'get',
  path: '/api/gate-runs/baseline',
  tags: [tag],
  summary: 'The newest gate run of a suite on the version a release label points at (a CI baseline)',
  request: {
    query: z.object({
      release: z.string().min(1),
      label: z.string().min(1).default('production'),
      suite: z.string().min(1),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ gateRunId: z.string(), release: releaseRefSchema, results: z.unknown() }),
      'The baseline',
    ),
    ...errorResponses,
  },
});
const getRun = createRoute({
  method: 'get',
  path: '/api/gate-runs/{id}',
  tags: [tag],
  summary: 'One gate run with its verdict, evidence and every run',
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 200: jsonContent(gateRunSchema, 'The gate run'), ...errorResponses },
});
const listGates = createRoute({
  method: 'get',
  path: '/api/releases/{name}/gates',
  tags: [tag],
  summary: 'The suites each label of a release requires before a version may take it',
  request: { params: nameParams },
  responses: {
    200: jsonContent(z.object({ gates: z.array(labelGateSchema) }), 'Label gates'),
    ...errorResponses,
  },
});
const setGate = createRoute({
  method: 'put',
  path: '/api/releases/{name}/gates/{label}',
  tags: [tag],
  summary:
    'Require passing gate runs of these suites before a version takes the label (empty list: no gate; audited)',
  request: {
    params: labelParams,
    body: {
      content: {
        'application/json': { schema: z.object({ suites: z.array(z.string().min(1).max(100)).max(50) }) },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(z.object({ gate: labelGateSchema.nullable() }), 'The gate'),
    ...errorResponses,
  },
});
const listPromotions = createRoute({
  method: 'get',
  path: '/api/releases/{name}/promotions',
  tags: [tag],
  summary: 'Gated label history: promotions through gates, overrides with reasons, rollbacks; newest first',
  request: { params: nameParams, query: z.object({ label: z.string().optional() }) },
  responses: {
    200: jsonContent(z.object({ promotions: z.array(promotionSchema) }), 'History'),
    ...errorResponses,
  },
});
const rollback = createRoute({
  method: 'post',
  path: '/api/releases/{name}/labels/{label}/rollback',
  tags: [tag],
  summary: 'Move a label back to the version it pointed at before its last move (audited, with a reason)',
  request: {
    params: labelParams,
    body: {
      content: {
        'application/json': {
          schema: z.object({ reason: z.string().min(3).max(2000), author: z.string().max(200).optional() }),
        },
      },
      required: true,
    },
  },
  responses: { 200: jsonContent(labelMoveSchema, 'The label after the rollback'), ...writeErrorResponses },
});

/** Gate runs, label gates, gated promotion history and rollback, scoped to the caller's project. */
export function mountGateRoutes(app: OpenAPIHono<AppEnv>, gates: GateService, releases: ReleaseService) {
  app.openapi(recordRun, async (context) => {
    const body = context.req.valid('json');
    const run = await gates.recordRun(
      context.var.projectId,
      { ...body, status: body.verdict.status },
      callerOf(context),
    );
    return context.json(runJson(run), 201);
  });
  app.openapi(listRuns, async (context) => {
    const { release, version, ...query } = context.req.valid('query');
    const runs = await gates.listRuns(context.var.projectId, {
      ...query,
      releaseName: release,
      releaseVersion: version,
    });
    return context.json({ runs: runs.map(runJson) }, 200);
  });
  app.openapi(baselineRun, async (context) => {
    const { release, label, suite } = context.req.valid('query');
    return context.json(await gates.baseline(context.var.projectId, release, label, suite), 200);
  });
  app.openapi(getRun, async (context) => {
    return context.json(
      runJson(await gates.getRun(context.var.projectId, context.req.valid('param').id)),
      200,
    );
  });
  app.openapi(listGates, async (context) => {
    const list = await gates.listLabelGates(context.var.projectId, context.req.valid('param').name);
    return context.json({ gates: list.map(gateJson) }, 200);
  });
  app.openapi(setGate, async (context) => {
    const { name, label } = context.req.valid('param');
    const gate = await gates.setLabelGate(
      context.var.projectId,
      { releaseName: name, label, suites: context.req.valid('json').suites },
      callerOf(context),
    );
    return context.json({ gate: gate ? gateJson(gate) : null }, 200);
  });
  app.openapi(listPromotions, async (context) => {
    const { name } = context.req.valid('param');
    const list = await gates.listPromotions(context.var.projectId, name, context.req.valid('query').label);
    return context.json({ promotions: list.map(promotionJson) }, 200);
  });
  app.openapi(rollback, async (context) => {
    const { name, label } = context.req.valid('param');
    const { reason, author } = context.req.valid('json');
    const caller = { apiKeyId: context.var.apiKeyId, user: author };
    const moved = await gates.rollback(
      context.var.projectId,
      { releaseName: name, label, reason },
      caller,
      (toVersion, expectedVersion) =>
        releases.versions.moveLabel(
          context.var.projectId,
          { name, label, toVersion, expectedVersion, rollback: true },
          caller,
        ),
    );
    return context.json(moved, 200);
  });
}
