import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Store } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { JudgeCalibrationService } from '../reviews/judge-calibration-service.js';
import type { AuditLog } from '../services/audit-log.js';

const tag = 'Reviews';
const anyObject = z.object({}).passthrough();

const calibrate = createRoute({
  method: 'get',
  path: '/api/judges/calibration',
  tags: [tag],
  summary:
    "Agreement of an LLM judge's versions with human scores: agreement rate, kappa, Spearman, confusion matrix, corrected pass rate",
  request: {
    query: z.object({
      scoreName: z.string().min(1).describe('The score config people answered, e.g. helpful'),
      evaluatorName: z.string().min(1).describe('The judge evaluator whose scores are compared'),
      evaluatorVersion: z.string().optional().describe('Only this version (default: every version)'),
    }),
  },
  responses: { 200: jsonContent(anyObject, 'One entry per judge version'), ...errorResponses },
});
const listJudges = createRoute({
  method: 'get',
  path: '/api/judges',
  tags: [tag],
  summary: 'Every judge calibrated so far, with its agreement history and a warning when agreement dropped',
  responses: { 200: jsonContent(anyObject, 'Judges'), ...errorResponses },
});
const getSettings = createRoute({
  method: 'get',
  path: '/api/review-settings',
  tags: [tag],
  summary: "The project's agreement bar for trusting a judge",
  responses: { 200: jsonContent(z.object({ judgeAgreementBar: z.number() }), 'Settings'), ...errorResponses },
});
const putSettings = createRoute({
  method: 'put',
  path: '/api/review-settings',
  tags: [tag],
  summary: 'Set the kappa a judge version must reach with people to be trusted (default 0.6)',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ judgeAgreementBar: z.number().min(-1).max(1) }) } },
      required: true,
    },
  },
  responses: { 200: jsonContent(z.object({ judgeAgreementBar: z.number() }), 'Stored'), ...errorResponses },
});

/** Judge calibration and the project's agreement bar. */
export function mountJudgeRoutes(
  app: OpenAPIHono<AppEnv>,
  services: { store: Store; calibration: JudgeCalibrationService; audit: AuditLog },
) {
  const iso = <T>(value: T) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  app.openapi(calibrate, async (context) =>
    context.json(
      iso(await services.calibration.calibrate(context.var.projectId, context.req.valid('query'))),
      200,
    ),
  );
  app.openapi(listJudges, async (context) =>
    context.json(iso(await services.calibration.judges(context.var.projectId)), 200),
  );
  app.openapi(getSettings, async (context) =>
    context.json(await services.store.reviews.getSettings(context.var.projectId), 200),
  );
  app.openapi(putSettings, async (context) => {
    const settings = context.req.valid('json');
    const before = await services.store.reviews.getSettings(context.var.projectId);
    await services.store.reviews.putSettings(context.var.projectId, settings);
    await services.audit.record(context.var.projectId, callerOf(context), {
      action: 'review_settings.update',
      targetType: 'review_settings',
      targetId: context.var.projectId,
      before,
      after: settings,
    });
    return context.json(settings, 200);
  });
}
