import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  canonicalSpanSchema,
  SextantError,
  sessionPageSchema,
  sessionQuerySchema,
  tracePageSchema,
  traceQuerySchema,
  traceSummarySchema,
} from '@sextant/core';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { TraceService } from '../services/trace-service.js';
import { scoreJson, scoreResponseSchema } from './score-routes.js';

type SpanTreeNode = { span: z.infer<typeof canonicalSpanSchema>; children: SpanTreeNode[] };
// Named, so the OpenAPI generator emits a $ref for the recursion instead of expanding it forever.
const spanTreeNodeSchema: z.ZodType<SpanTreeNode> = z
  .lazy(() => z.object({ span: canonicalSpanSchema, children: z.array(spanTreeNodeSchema) }))
  .openapi('SpanTreeNode');

const traceDetailSchema = z
  .object({
    trace: traceSummarySchema,
    tree: z.array(spanTreeNodeSchema),
    scores: z.array(scoreResponseSchema).describe('Scores of the trace and its spans, newest first'),
  })
  .openapi('TraceDetail');

const listTraces = createRoute({
  method: 'get',
  path: '/api/traces',
  summary: 'List traces with filters, full-text search, sorting and cursor paging',
  request: { query: traceQuerySchema },
  responses: { 200: jsonContent(tracePageSchema, 'A page of traces'), ...errorResponses },
});

const getTrace = createRoute({
  method: 'get',
  path: '/api/traces/{traceId}',
  summary: 'One trace as a span tree, with totals rolled up to the trace',
  request: {
    params: z.object({ traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters') }),
  },
  responses: { 200: jsonContent(traceDetailSchema, 'The trace'), ...errorResponses },
});

const listSessions = createRoute({
  method: 'get',
  path: '/api/sessions',
  summary: 'List conversations (traces sharing a session id) with their totals, newest activity first',
  description:
    'Only traces that started in the window count. `errorCount` counts traces with a failed span; ' +
    '`cost` is null when no trace had a known cost.',
  request: { query: sessionQuerySchema },
  responses: { 200: jsonContent(sessionPageSchema, 'A page of sessions'), ...errorResponses },
});

const getSession = createRoute({
  method: 'get',
  path: '/api/sessions/{sessionId}',
  summary: 'All traces of one conversation, oldest first',
  request: { params: z.object({ sessionId: z.string().min(1) }) },
  responses: { 200: jsonContent(tracePageSchema, 'The traces of the session'), ...errorResponses },
});

export function mountTraceRoutes(app: OpenAPIHono<AppEnv>, traces: TraceService) {
  app.openapi(listTraces, async (context) =>
    context.json(await traces.listTraces(context.var.projectId, context.req.valid('query')), 200),
  );
  app.openapi(getTrace, async (context) => {
    const { traceId } = context.req.valid('param');
    const detail = await traces.getTrace(context.var.projectId, traceId.toLowerCase());
    if (!detail) throw new SextantError('not_found', `trace '${traceId}' not found in this project`);
    return context.json({ ...detail, scores: detail.scores.map(scoreJson) }, 200);
  });
  app.openapi(listSessions, async (context) =>
    context.json(await traces.listSessions(context.var.projectId, context.req.valid('query')), 200),
  );
  app.openapi(getSession, async (context) => {
    const { sessionId } = context.req.valid('param');
    return context.json(await traces.sessionTraces(context.var.projectId, sessionId), 200);
  });
}
