import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { redactionConfigSchema } from '@sextant/core/redaction';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { RedactionSettings, RedactionSettingsService } from '../services/redaction-settings-service.js';

const settingsResponse = z
  .object({
    settings: redactionConfigSchema,
    revision: z.number().int().describe('0 while the project has never saved settings (redaction off)'),
    updatedAt: z.string().nullable(),
  })
  .openapi('RedactionSettings');

const getSettings = createRoute({
  method: 'get',
  path: '/api/settings/redaction',
  summary: "The project's PII redaction settings (off until saved)",
  responses: { 200: jsonContent(settingsResponse, 'Settings with defaults filled in'), ...errorResponses },
});

const putSettings = createRoute({
  method: 'put',
  path: '/api/settings/redaction',
  summary:
    'Turn redaction on or off, pick detectors, add custom patterns; applies to spans stored from now on',
  description:
    'Custom patterns are JavaScript regular expressions; invalid ones, ones that match the empty string and ones ' +
    'that repeat a repeating group (catastrophic backtracking) are refused with the reason.',
  request: {
    body: { content: { 'application/json': { schema: redactionConfigSchema } }, required: true },
  },
  responses: { 200: jsonContent(settingsResponse, 'The saved settings'), ...errorResponses },
});

const previewRedaction = createRoute({
  method: 'post',
  path: '/api/settings/redaction/preview',
  summary: 'Redact a sample text with the saved settings, or with unsaved ones given beside it',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ text: z.string().max(100_000), settings: redactionConfigSchema.optional() }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(
      z.object({ text: z.string(), redactions: z.record(z.string(), z.number()) }),
      'The text as it would be stored and the counts per type',
    ),
    ...errorResponses,
  },
});

const settingsJson = (saved: RedactionSettings) => ({
  settings: saved.settings,
  revision: saved.revision,
  updatedAt: saved.updatedAt?.toISOString() ?? null,
});

export function mountRedactionRoutes(app: OpenAPIHono<AppEnv>, service: RedactionSettingsService) {
  app.openapi(getSettings, async (context) =>
    context.json(settingsJson(await service.get(context.var.projectId)), 200),
  );
  app.openapi(putSettings, async (context) => {
    const saved = await service.put(context.var.projectId, context.req.valid('json'), callerOf(context));
    return context.json(settingsJson(saved), 200);
  });
  app.openapi(previewRedaction, async (context) => {
    const { text, settings } = context.req.valid('json');
    return context.json(await service.preview(context.var.projectId, text, settings), 200);
  });
}
