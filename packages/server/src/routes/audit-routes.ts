import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AuditEntry } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { AuditLog } from '../services/audit-log.js';

const auditQuerySchema = z.object({
  targetType: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('prompt, release, api_key, model, alert_rule...'),
  targetId: z.string().min(1).max(500).optional(),
  action: z.string().min(1).max(100).optional().describe('e.g. prompt.label.move'),
  actor: z.string().min(1).max(300).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  cursor: z.coerce.number().int().positive().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const auditEntrySchema = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: z.string(),
  })
  .openapi('AuditEntry');

const listAudit = createRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'Who changed what and when, with the object before and after; newest first',
  request: { query: auditQuerySchema },
  responses: {
    200: jsonContent(
      z.object({ entries: z.array(auditEntrySchema), nextCursor: z.number().int().nullable() }),
      'A page of audit entries',
    ),
    ...errorResponses,
  },
});

const entryJson = ({ projectId: _projectId, createdAt, ...entry }: AuditEntry) => ({
  ...entry,
  createdAt: createdAt.toISOString(),
});

export function mountAuditRoutes(app: OpenAPIHono<AppEnv>, audit: AuditLog) {
  app.openapi(listAudit, async (context) => {
    const { cursor, limit, ...filters } = context.req.valid('query');
    // One extra row tells whether another page exists.
    const entries = await audit.list(context.var.projectId, { ...filters, before: cursor, limit: limit + 1 });
    const page = entries.slice(0, limit);
    const nextCursor = entries.length > limit ? (page.at(-1)?.id ?? null) : null;
    return context.json({ entries: page.map(entryJson), nextCursor }, 200);
  });
}
