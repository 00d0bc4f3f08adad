import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { BakeoffService } from '../services/bakeoff-service.js';

const tag = 'Bake-offs';
const interval = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() });

const bakeoffSummarySchema = z
  .object({
    id: z.string(),
    datasetName: z.string(),
    datasetVersion: z.number(),
    models: z.array(z.string()),
    qualityMetric: z.string(),
    createdAt: z.string(),
  })
  .openapi('BakeoffSummary');

const bakeoffSchema = z
  .object({
    id: z.string(),
    datasetName: z.string(),
    datasetVersion: z.number(),
    repeats: z.number(),
    qualityMetric: z.string().describe('The score whose mean is the quality axis'),
    prompt: z.string().nullable(),
    createdAt: z.string(),
    contenders: z.array(
      z.object({
        model: z.string(),
        experimentId: z.string(),
        status: z.string(),
        runs: z.number(),
        errors: z.number(),
        items: z.number(),
        quality: interval.nullable().describe('Mean with a 95% bootstrap interval over items'),
        passRate: interval.nullable().describe('95% Wilson interval; null without pass/fail'),
        costPerRun: z.number().nullable().describe('US dollars per item run'),
        totalCost: z.number().nullable(),
        latencyMs: z.object({ mean: z.number(), p50: z.number(), p95: z.number() }).nullable(),
        onFront: z.boolean().describe('On the quality-versus-cost Pareto front'),
      }),
    ),
  })
  .openapi('Bakeoff');

const listBakeoffs = createRoute({
  method: 'get',
  path: '/api/bakeoffs',
  tags: [tag],
  summary: 'Model bake-offs of the project, newest first',
  responses: {
    200: jsonContent(z.object({ bakeoffs: z.array(bakeoffSummarySchema) }), 'The bake-offs'),
    ...errorResponses,
  },
});

const showBakeoff = createRoute({
  method: 'get',
  path: '/api/bakeoffs/{id}',
  tags: [tag],
  summary: 'Quality with intervals, cost and latency per model, and the Pareto front of quality vs cost',
  request: { params: z.object({ id: z.string().min(1).max(80) }) },
  responses: { 200: jsonContent(z.object({ bakeoff: bakeoffSchema }), 'The bake-off'), ...errorResponses },
});

/** Bake-offs under /api/bakeoffs, read from the experiments `sextant models bakeoff` records. */
export function mountBakeoffRoutes(app: OpenAPIHono<AppEnv>, bakeoffs: BakeoffService) {
  app.openapi(listBakeoffs, async (context) => {
    const listed = await bakeoffs.list(context.var.projectId);
    return context.json(
      { bakeoffs: listed.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() })) },
      200,
    );
  });
  app.openapi(showBakeoff, async (context) => {
    const report = await bakeoffs.get(context.var.projectId, context.req.valid('param').id);
    return context.json({ bakeoff: { ...report, createdAt: report.createdAt.toISOString() } }, 200);
  });
}
