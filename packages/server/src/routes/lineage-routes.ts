import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { LineageService } from '../services/lineage-service.js';

const versionLink = z.object({
  name: z.string(),
  version: z.number().int().nullable(),
  labels: z.array(z.string()),
  known: z.boolean().describe('false when the registry has no such version (named by a span only)'),
});

const traceLineage = createRoute({
  method: 'get',
  path: '/api/traces/{traceId}/lineage',
  tags: ['lineage'],
  summary: 'The release, prompt versions and models a trace ran with (from its spans)',
  request: { params: z.object({ traceId: z.string() }) },
  responses: {
    200: jsonContent(
      z
        .object({
          traceId: z.string(),
          releases: z.array(versionLink.extend({ releaseId: z.string() })),
          prompts: z.array(versionLink),
          models: z.array(z.object({ id: z.string(), provider: z.string().nullable(), known: z.boolean() })),
        })
        .openapi('TraceLineage'),
      'What the trace ran',
    ),
    ...errorResponses,
  },
});

const releaseLineage = createRoute({
  method: 'get',
  path: '/api/releases/{name}/versions/{version}/lineage',
  tags: ['lineage'],
  summary: 'What approved a release version: the experiments that ran it, its gate runs and label promotions',
  request: { params: z.object({ name: z.string(), version: z.coerce.number().int().positive() }) },
  responses: {
    200: jsonContent(
      z
        .object({
          release: z.object({ name: z.string(), version: z.number().int(), labels: z.array(z.string()) }),
          experiments: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              status: z.string(),
              datasetName: z.string(),
              datasetVersion: z.number().int().nullable(),
              createdAt: z.string(),
            }),
          ),
          gateRuns: z.array(
            z.object({
              id: z.string(),
              suite: z.string(),
              status: z.string(),
              experimentId: z.string().nullable(),
              createdAt: z.string(),
            }),
          ),
          promotions: z.array(
            z.object({
              label: z.string(),
              fromVersion: z.number().int().nullable(),
              toVersion: z.number().int().nullable(),
              kind: z.string(),
              gateRunIds: z.array(z.string()),
              actor: z.string(),
              createdAt: z.string(),
            }),
          ),
        })
        .openapi('ReleaseLineage'),
      'Experiments, gate runs and promotions of the version',
    ),
    ...errorResponses,
  },
});

const dated = <T extends { createdAt: Date }>(item: T) => ({
  ...item,
  createdAt: item.createdAt.toISOString(),
});

export function mountLineageRoutes(app: OpenAPIHono<AppEnv>, lineage: LineageService) {
  app.openapi(traceLineage, async (context) =>
    context.json(await lineage.trace(context.var.projectId, context.req.valid('param').traceId), 200),
  );
  app.openapi(releaseLineage, async (context) => {
    const { name, version } = context.req.valid('param');
    const found = await lineage.release(context.var.projectId, name, version);
    return context.json(
      {
        release: found.release,
        experiments: found.experiments.map(dated),
        gateRuns: found.gateRuns.map(dated),
        promotions: found.promotions.map(dated),
      },
      200,
    );
  });
}
