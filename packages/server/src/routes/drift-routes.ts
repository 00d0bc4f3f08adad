import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type DriftMonitor, driftMonitorInputSchema } from '@sextant/core/drift';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { DriftCheckReport } from '../services/drift/drift-check-report.js';
import type { DriftService } from '../services/drift/drift-service.js';

const tag = 'Drift';

const monitorResponseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    reference: z.record(z.string(), z.unknown()).describe('dataset, date range, or first days of a release'),
    currentWindowHours: z.number(),
    field: z.enum(['input', 'output']),
    spans: z.enum(['root', 'llm']),
    releaseId: z.string().optional(),
    embeddingSampleSize: z.number(),
    maxSpans: z.number(),
    topicClusters: z.number(),
    alpha: z.number(),
    scheduleEveryMinutes: z.number().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DriftMonitor');

const featureSchema = z
  .object({
    feature: z.string(),
    kind: z.enum(['categorical', 'numeric', 'embeddings']),
    test: z.string(),
    statistic: z.number().nullable(),
    pValue: z.number().nullable(),
    adjustedPValue: z.number().nullable(),
    drifted: z.boolean(),
    effectSize: z.object({ name: z.string(), value: z.number().nullable() }),
    measures: z.record(z.string(), z.number().nullable()),
  })
  .passthrough();

const reportResponseSchema = z
  .object({
    id: z.string(),
    monitorId: z.string(),
    monitorName: z.string(),
    createdAt: z.string(),
    field: z.enum(['input', 'output']),
    reference: z.record(z.string(), z.unknown()),
    current: z.record(z.string(), z.unknown()),
    drifted: z.boolean(),
    verdict: z.string(),
    alpha: z.number(),
    features: z.array(featureSchema),
    topics: z.record(z.string(), z.unknown()).nullable(),
    durationMs: z.number(),
  })
  .passthrough()
  .openapi('DriftReport');

const reportSummarySchema = z
  .object({
    id: z.string(),
    monitorId: z.string(),
    monitorName: z.string(),
    createdAt: z.string(),
    drifted: z.boolean(),
    verdict: z.string(),
    referenceCount: z.number(),
    currentCount: z.number(),
    driftedFeatures: z.array(z.string()),
  })
  .openapi('DriftReportSummary');

const monitorParams = z.object({ monitorId: z.string().min(1) });

const createMonitor = createRoute({
  method: 'post',
  path: '/api/drift/monitors',
  tags: [tag],
  summary: 'Create a drift monitor: a reference, a rolling current window, the field and the schedule',
  request: { body: { content: { 'application/json': { schema: driftMonitorInputSchema } }, required: true } },
  responses: { 201: jsonContent(monitorResponseSchema, 'Created'), ...errorResponses },
});

const listMonitors = createRoute({
  method: 'get',
  path: '/api/drift/monitors',
  tags: [tag],
  summary: 'List drift monitors',
  responses: {
    200: jsonContent(z.object({ monitors: z.array(monitorResponseSchema) }), 'Monitors'),
    ...errorResponses,
  },
});

const getMonitor = createRoute({
  method: 'get',
  path: '/api/drift/monitors/{monitorId}',
  tags: [tag],
  summary: 'One drift monitor',
  request: { params: monitorParams },
  responses: { 200: jsonContent(monitorResponseSchema, 'The monitor'), ...errorResponses },
});

const deleteMonitor = createRoute({
  method: 'delete',
  path: '/api/drift/monitors/{monitorId}',
  tags: [tag],
  summary: 'Delete a drift monitor and its reports',
  request: { params: monitorParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

const runMonitor = createRoute({
  method: 'post',
  path: '/api/drift/monitors/{monitorId}/run',
  tags: [tag],
  summary: 'Run a drift check now on the window ending now; answers with the stored report',
  request: { params: monitorParams },
  responses: { 201: jsonContent(reportResponseSchema, 'The report'), ...errorResponses },
});

const listReports = createRoute({
  method: 'get',
  path: '/api/drift/reports',
  tags: [tag],
  summary: 'Drift reports, newest first, of one monitor or all',
  request: {
    query: z.object({
      monitorId: z.string().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
  },
  responses: {
    200: jsonContent(z.object({ reports: z.array(reportSummarySchema) }), 'Report summaries'),
    ...errorResponses,
  },
});

const getReport = createRoute({
  method: 'get',
  path: '/api/drift/reports/{reportId}',
  tags: [tag],
  summary: 'One drift report: per-feature statistics, p-values, effect sizes, distributions and topics',
  request: { params: z.object({ reportId: z.string().min(1) }) },
  responses: { 200: jsonContent(reportResponseSchema, 'The report'), ...errorResponses },
});

const monitorJson = (monitor: DriftMonitor) => ({
  ...monitor,
  reference:
    monitor.reference.type === 'range'
      ? {
          ...monitor.reference,
          start: monitor.reference.start.toISOString(),
          end: monitor.reference.end.toISOString(),
        }
      : monitor.reference,
  createdAt: monitor.createdAt.toISOString(),
  updatedAt: monitor.updatedAt.toISOString(),
});

/** Summary of a report for lists (the full body carries bins and examples). */
export const reportSummary = (report: DriftCheckReport) => ({
  id: report.id,
  monitorId: report.monitorId,
  monitorName: report.monitorName,
  createdAt: report.createdAt,
  drifted: report.drifted,
  verdict: report.verdict,
  referenceCount: report.reference.count,
  currentCount: report.current.count,
  driftedFeatures: report.features
    .filter((feature) => feature.drifted)
    .map((feature) => `${feature.feature}:${feature.test}`),
});

// JSON cannot carry NaN or Infinity; they become null, as the response schema allows.
const reportJson = (report: DriftCheckReport) =>
  JSON.parse(JSON.stringify(report)) as z.infer<typeof reportResponseSchema>;

export function mountDriftRoutes(app: OpenAPIHono<AppEnv>, drift: DriftService) {
  app.openapi(createMonitor, async (context) =>
    context.json(
      monitorJson(await drift.createMonitor(context.var.projectId, context.req.valid('json'))),
      201,
    ),
  );
  app.openapi(listMonitors, async (context) =>
    context.json({ monitors: (await drift.listMonitors(context.var.projectId)).map(monitorJson) }, 200),
  );
  app.openapi(getMonitor, async (context) =>
    context.json(
      monitorJson(await drift.getMonitor(context.var.projectId, context.req.valid('param').monitorId)),
      200,
    ),
  );
  app.openapi(deleteMonitor, async (context) => {
    await drift.deleteMonitor(context.var.projectId, context.req.valid('param').monitorId);
    return context.body(null, 204);
  });
  app.openapi(runMonitor, async (context) =>
    context.json(
      reportJson(await drift.runCheck(context.var.projectId, context.req.valid('param').monitorId)),
      201,
    ),
  );
  app.openapi(listReports, async (context) => {
    const reports = await drift.listReports(context.var.projectId, context.req.valid('query'));
    return context.json({ reports: reports.map(reportSummary) }, 200);
  });
  app.openapi(getReport, async (context) =>
    context.json(
      reportJson(await drift.getReport(context.var.projectId, context.req.valid('param').reportId)),
      200,
    ),
  );
}
