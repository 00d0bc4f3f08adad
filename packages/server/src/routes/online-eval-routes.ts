import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type OnlineEvalRule,
  onlineEvalEvaluatorSchema,
  onlineEvalFilterSchema,
  onlineEvalRuleInputSchema,
  onlineEvalRulePatchSchema,
} from '@sextant/core';
import { targetSelectorSchema } from '@sextant/core/evaluators';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { OnlineEvalService } from '../services/online-eval-service.js';

const tag = 'Online evaluation';

const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    filter: onlineEvalFilterSchema,
    sampleRate: z.number(),
    evaluators: z.array(onlineEvalEvaluatorSchema),
    target: targetSelectorSchema.optional(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OnlineEvalRule');

const ruleJson = (rule: OnlineEvalRule) => ({
  ...rule,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});

const ruleParams = z.object({ rule: z.string().min(1).describe('Rule id or name') });
const json = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const listRules = createRoute({
  method: 'get',
  path: '/api/online-evals/rules',
  tags: [tag],
  summary: 'List the online evaluation rules of the project',
  responses: { 200: jsonContent(z.object({ rules: z.array(ruleSchema) }), 'The rules'), ...errorResponses },
});

const createRule = createRoute({
  method: 'post',
  path: '/api/online-evals/rules',
  tags: [tag],
  summary: 'Create a rule: production traces matching its filter are sampled and scored as they arrive',
  request: json(onlineEvalRuleInputSchema),
  responses: { 201: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
});

const getRule = createRoute({
  method: 'get',
  path: '/api/online-evals/rules/{rule}',
  tags: [tag],
  summary: 'One rule',
  request: { params: ruleParams },
  responses: { 200: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
});

const updateRule = createRoute({
  method: 'patch',
  path: '/api/online-evals/rules/{rule}',
  tags: [tag],
  summary: 'Change a rule (enable, disable, filter, rate, evaluators, target); its name stays',
  request: { params: ruleParams, ...json(onlineEvalRulePatchSchema) },
  responses: { 200: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
});

const deleteRule = createRoute({
  method: 'delete',
  path: '/api/online-evals/rules/{rule}',
  tags: [tag],
  summary: 'Delete a rule; the scores it wrote stay',
  request: { params: ruleParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export function mountOnlineEvalRoutes(app: OpenAPIHono<AppEnv>, rules: OnlineEvalService) {
  app.openapi(listRules, async (context) =>
    context.json({ rules: (await rules.list(context.var.projectId)).map(ruleJson) }, 200),
  );
  app.openapi(createRule, async (context) =>
    context.json(ruleJson(await rules.create(context.var.projectId, context.req.valid('json'))), 201),
  );
  app.openapi(getRule, async (context) =>
    context.json(ruleJson(await rules.get(context.var.projectId, context.req.valid('param').rule)), 200),
  );
  app.openapi(updateRule, async (context) => {
    const { rule } = context.req.valid('param');
    return context.json(
      ruleJson(await rules.update(context.var.projectId, rule, context.req.valid('json'))),
      200,
    );
  });
  app.openapi(deleteRule, async (context) => {
    await rules.delete(context.var.projectId, context.req.valid('param').rule);
    return context.body(null, 204);
  });
}
