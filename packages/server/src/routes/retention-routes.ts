import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { RetentionSetting } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { RetentionService } from '../services/retention-service.js';

const tag = 'Retention';

const settingSchema = z
  .object({
    days: z
      .number()
      .nullable()
      .describe('Traces, scores and finished jobs older than this are deleted; null keeps all'),
    updatedAt: z.string().nullable(),
  })
  .openapi('RetentionSetting');

const settingJson = (setting: RetentionSetting) => ({
  days: setting.days,
  updatedAt: setting.updatedAt?.toISOString() ?? null,
});

const getRetention = createRoute({
  method: 'get',
  path: '/api/retention',
  tags: [tag],
  summary: "The project's retention (off by default)",
  responses: { 200: jsonContent(settingSchema, 'The setting'), ...errorResponses },
});

const putRetention = createRoute({
  method: 'put',
  path: '/api/retention',
  tags: [tag],
  summary:
    'Set the retention in days (null turns it off); an hourly sweep deletes older data in small batches',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            days: z.number().int().min(1).max(3650).nullable().describe('Whole days from 1 to 3650, or null'),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 200: jsonContent(settingSchema, 'The new setting'), ...errorResponses },
});

export function mountRetentionRoutes(app: OpenAPIHono<AppEnv>, retention: RetentionService) {
  app.openapi(getRetention, async (context) =>
    context.json(settingJson(await retention.get(context.var.projectId)), 200),
  );
  app.openapi(putRetention, async (context) => {
    const { days } = context.req.valid('json');
    const setting = await retention.set(context.var.projectId, days, { apiKeyId: context.var.apiKeyId });
    return context.json(settingJson(setting), 200);
  });
}
