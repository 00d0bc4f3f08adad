import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type ReleaseDefinition,
  releaseDefinitionInputSchema,
  releaseDefinitionSchema,
  releaseId,
} from '@sextant/core';
import type { RegistryEntry } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { ReleaseService } from '../services/release-service.js';
import type { LabelledVersion } from '../services/versioned-registry-service.js';
import {
  diffQuerySchema,
  labelEventJson,
  labelEventSchema,
  mountRegistryRoutes,
  nameParamsSchema,
  registryBodyLimit,
  versionDiffSchema,
  versionJson,
  versionMetadataFields,
  writeErrorResponses,
  writeFieldsSchema,
} from './registry-routes.js';

const tag = 'Releases';

const releaseSchema = z
  .object({
    id: z.string().describe('NAME@VERSION: what traces carry in sextant.release.id'),
    ...versionMetadataFields,
    definition: releaseDefinitionSchema,
  })
  .openapi('Release');

const releaseSummarySchema = z
  .object({
    name: z.string(),
    latestVersion: z.number(),
    latestId: z.string(),
    labels: z.record(z.string(), z.number()).describe('Label (environment) to version'),
    description: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ReleaseSummary');

const createdSchema = z.object({
  status: z.enum(['created', 'unchanged']),
  release: releaseSchema,
  labelEvents: z.array(labelEventSchema),
  warnings: z.array(z.string()),
});

const listReleases = createRoute({
  method: 'get',
  path: '/api/releases',
  tags: [tag],
  summary: 'Every release of the project with its newest version and labels',
  responses: {
    200: jsonContent(z.object({ releases: z.array(releaseSummarySchema) }), 'The releases'),
    ...errorResponses,
  },
});

const createRelease = createRoute({
  method: 'post',
  path: '/api/releases/{name}/versions',
  tags: [tag],
  summary: 'Save a new release version (prompt labels are pinned to the versions they point at now)',
  description:
    'Answers 201 with the new version, or 200 with status unchanged when the bundle equals the newest version.',
  request: {
    params: nameParamsSchema,
    body: {
      content: {
        'application/json': {
          schema: z.object({ definition: releaseDefinitionInputSchema, ...writeFieldsSchema }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(createdSchema, 'Unchanged: the newest version already is this bundle'),
    201: jsonContent(createdSchema, 'Created'),
    ...writeErrorResponses,
  },
});

const diffReleasesRoute = createRoute({
  method: 'get',
  path: '/api/releases/{name}/diff',
  tags: [tag],
  summary: 'Line diff of two release versions, part by part',
  request: { params: nameParamsSchema, query: diffQuerySchema },
  responses: { 200: jsonContent(versionDiffSchema, 'The diff'), ...errorResponses },
});

const releaseJson = (version: LabelledVersion<ReleaseDefinition>) => ({
  id: releaseId(version.record.name, version.record.version),
  ...versionJson(version),
});

const summaryJson = (entry: RegistryEntry<ReleaseDefinition>) => ({
  name: entry.name,
  latestVersion: entry.latest.version,
  latestId: releaseId(entry.name, entry.latest.version),
  labels: entry.labels,
  description: entry.latest.definition.description,
  createdAt: entry.createdAt.toISOString(),
  updatedAt: entry.updatedAt.toISOString(),
});

/** Releases' REST API under /api/releases, scoped to the caller's project. */
export function mountReleaseRoutes(app: OpenAPIHono<AppEnv>, releases: ReleaseService) {
  app.use('/api/releases/*', registryBodyLimit);
  app.openapi(listReleases, async (context) => {
    const entries = await releases.list(context.var.projectId);
    return context.json({ releases: entries.map(summaryJson) }, 200);
  });
  app.openapi(createRelease, async (context) => {
    const { name } = context.req.valid('param');
    const body = context.req.valid('json');
    const created = await releases.create(context.var.projectId, name, body, {
      apiKeyId: context.var.apiKeyId,
      user: body.author,
    });
    const json = {
      status: created.status,
      release: releaseJson(created.release),
      labelEvents: created.labelEvents.map(labelEventJson),
      warnings: created.warnings,
    };
    return created.status === 'created' ? context.json(json, 201) : context.json(json, 200);
  });
  app.openapi(diffReleasesRoute, async (context) => {
    const { name } = context.req.valid('param');
    const { from, to } = context.req.valid('query');
    return context.json(await releases.diff(context.var.projectId, name, from, to), 200);
  });
  mountRegistryRoutes(app, {
    resource: 'releases',
    tag,
    service: releases.versions,
    versionSchema: releaseSchema,
    toJson: releaseJson,
  });
}
