import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { metricsQuerySchema, metricsResultSchema } from '@sextant/core';
import type { Store } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';

const getMetrics = createRoute({
  method: 'get',
  path: '/api/metrics',
  summary: 'Request volume, error rate, latency p50/p95/p99, tokens and cost over time',
  description:
    'Grouped by nothing, trace name or tag, a request is a trace; grouped by model, a request is a model call.',
  request: { query: metricsQuerySchema },
  responses: { 200: jsonContent(metricsResultSchema, 'Points per time bucket and group'), ...errorResponses },
});

export function mountMetricsRoutes(app: OpenAPIHono<AppEnv>, store: Store) {
  app.openapi(getMetrics, async (context) =>
    context.json(await store.queryMetrics(context.var.projectId, context.req.valid('query')), 200),
  );
}
