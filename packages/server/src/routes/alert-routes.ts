import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { alertRuleInputSchema } from '@sextant/core';
import type { AlertDeliveryRecord } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type {
  AlertEventView,
  AlertRuleService,
  AlertRuleView,
} from '../services/alerts/alert-rule-service.js';

const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    definition: z
      .unknown()
      .describe('The rule with defaults filled in (condition, threshold, window, webhooks...)'),
    openAlerts: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AlertRule');
const eventSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    ruleName: z.string().nullable(),
    groupKey: z.string(),
    status: z.enum(['open', 'resolved']),
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    summary: z.string(),
    firedAt: z.string(),
    resolvedAt: z.string().nullable(),
    lastEvaluatedAt: z.string(),
  })
  .openapi('AlertEvent');
const deliverySchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    eventId: z.string().nullable(),
    kind: z.enum(['fired', 'resolved', 'test']),
    url: z.string(),
    attempt: z.number().int(),
    status: z.enum(['delivered', 'failed']),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AlertDelivery');
const nameParam = z.object({ name: z.string().min(1).max(80) });
const ruleBody = {
  body: { content: { 'application/json': { schema: alertRuleInputSchema } }, required: true },
};
const tags = ['alerts'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/alerts/rules',
    tags,
    summary: 'Alert rules with how many of their alerts are open',
    responses: {
      200: jsonContent(z.object({ rules: z.array(ruleSchema) }), 'Rules by name'),
      ...errorResponses,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/alerts/rules',
    tags,
    summary: 'Create a rule on error rate, latency, cost, volume, a score or drift reports, with webhooks',
    request: ruleBody,
    responses: { 201: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/alerts/rules/{name}',
    tags,
    summary: 'One rule',
    request: { params: nameParam },
    responses: { 200: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
  }),
  update: createRoute({
    method: 'put',
    path: '/api/alerts/rules/{name}',
    tags,
    summary: 'Replace a rule (its name may change)',
    request: { params: nameParam, ...ruleBody },
    responses: { 200: jsonContent(ruleSchema, 'The rule'), ...errorResponses },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/alerts/rules/{name}',
    tags,
    summary: 'Delete a rule; its open alerts resolve quietly, its history stays',
    request: { params: nameParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
  testSaved: createRoute({
    method: 'post',
    path: '/api/alerts/rules/{name}/test',
    tags,
    summary: "Send a sample notification to the rule's webhooks now",
    request: { params: nameParam },
    responses: {
      200: jsonContent(z.object({ deliveries: z.array(deliverySchema) }), 'How each webhook answered'),
      ...errorResponses,
    },
  }),
  testUnsaved: createRoute({
    method: 'post',
    path: '/api/alerts/test',
    tags,
    summary: 'Send a sample notification for a rule that is not saved yet',
    request: ruleBody,
    responses: {
      200: jsonContent(z.object({ deliveries: z.array(deliverySchema) }), 'How each webhook answered'),
      ...errorResponses,
    },
  }),
  history: createRoute({
    method: 'get',
    path: '/api/alerts/events',
    tags,
    summary: 'Alert history: fired and resolved alerts, newest first',
    request: {
      query: z.object({
        rule: z.string().optional().describe('Rule name'),
        status: z.enum(['open', 'resolved']).optional(),
        before: z.coerce.date().optional().describe('nextBefore of the previous page'),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: jsonContent(
        z.object({ events: z.array(eventSchema), nextBefore: z.string().nullable() }),
        'A page of alerts',
      ),
      ...errorResponses,
    },
  }),
  event: createRoute({
    method: 'get',
    path: '/api/alerts/events/{id}',
    tags,
    summary: 'One alert and every delivery attempt of its notifications',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: jsonContent(z.object({ event: eventSchema, deliveries: z.array(deliverySchema) }), 'The alert'),
      ...errorResponses,
    },
  }),
};

const ruleJson = (rule: AlertRuleView) => ({
  id: rule.id,
  name: rule.definition.name,
  definition: rule.definition,
  openAlerts: rule.openAlerts,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});
const eventJson = (event: AlertEventView) => ({
  ...event,
  firedAt: event.firedAt.toISOString(),
  resolvedAt: event.resolvedAt?.toISOString() ?? null,
  lastEvaluatedAt: event.lastEvaluatedAt.toISOString(),
});
const deliveryJson = (delivery: AlertDeliveryRecord) => ({
  ...delivery,
  createdAt: delivery.createdAt.toISOString(),
});

export function mountAlertRoutes(app: OpenAPIHono<AppEnv>, alerts: AlertRuleService) {
  app.openapi(routes.list, async (context) =>
    context.json({ rules: (await alerts.list(context.var.projectId)).map(ruleJson) }, 200),
  );
  app.openapi(routes.create, async (context) => {
    const rule = await alerts.create(context.var.projectId, context.req.valid('json'), callerOf(context));
    return context.json(ruleJson(rule), 201);
  });
  app.openapi(routes.get, async (context) =>
    context.json(ruleJson(await alerts.get(context.var.projectId, context.req.valid('param').name)), 200),
  );
  app.openapi(routes.update, async (context) => {
    const { name } = context.req.valid('param');
    const rule = await alerts.update(
      context.var.projectId,
      name,
      context.req.valid('json'),
      callerOf(context),
    );
    return context.json(ruleJson(rule), 200);
  });
  app.openapi(routes.remove, async (context) => {
    await alerts.delete(context.var.projectId, context.req.valid('param').name, callerOf(context));
    return context.body(null, 204);
  });
  app.openapi(routes.testSaved, async (context) => {
    const deliveries = await alerts.test(context.var.projectId, { name: context.req.valid('param').name });
    return context.json({ deliveries: deliveries.map(deliveryJson) }, 200);
  });
  app.openapi(routes.testUnsaved, async (context) => {
    const deliveries = await alerts.test(context.var.projectId, { definition: context.req.valid('json') });
    return context.json({ deliveries: deliveries.map(deliveryJson) }, 200);
  });
  app.openapi(routes.history, async (context) => {
    const query = context.req.valid('query');
    const events = await alerts.history(context.var.projectId, query);
    const nextBefore = events.length === query.limit ? (events.at(-1)?.firedAt.toISOString() ?? null) : null;
    return context.json({ events: events.map(eventJson), nextBefore }, 200);
  });
  app.openapi(routes.event, async (context) => {
    const found = await alerts.event(context.var.projectId, context.req.valid('param').id);
    return context.json(
      { event: eventJson(found.event), deliveries: found.deliveries.map(deliveryJson) },
      200,
    );
  });
}
