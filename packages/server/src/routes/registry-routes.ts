import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { defaultLabel, labelNameSchema, registryNameSchema } from '@sextant/core';
import type { Actor, LabelEvent } from '@sextant/store';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { LabelledVersion, VersionedRegistryService } from '../services/versioned-registry-service.js';

/** Largest request body the prompt and release routes accept; templates have their own, smaller limit. */
export const registryBodyLimitBytes = 1024 * 1024;

/** Refuses oversized bodies on the prompt and release routes before they are parsed. */
export const registryBodyLimit = bodyLimit({
  maxSize: registryBodyLimitBytes,
  // Answered before the body is read, so the connection closes instead of being reused mid-body.
  onError: (context) =>
    context.json(
      {
        error: {
          code: 'payload_too_large',
          message: `request body exceeds the limit of ${registryBodyLimitBytes} bytes for prompts and releases; templates are limited to 100000 characters`,
        },
      },
      413,
      { connection: 'close' },
    ),
});

export const nameParamsSchema = z.object({ name: registryNameSchema });
export const labelParamsSchema = z.object({ name: registryNameSchema, label: z.string().min(1).max(50) });
export const versionParamsSchema = z.object({
  name: registryNameSchema,
  version: z.coerce.number().int().positive(),
});

export const selectorQuerySchema = z.object({
  label: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .describe('A label such as production, or latest. Default: production'),
  version: z.coerce.number().int().positive().optional().describe('A version number; wins over label'),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional().describe('Only versions older than this one'),
});

export const diffQuerySchema = z.object({
  from: z.string().min(1).describe('A version number, a label, or latest'),
  to: z.string().min(1).default('latest').describe('A version number, a label, or latest'),
});

export const actorSchema = z
  .object({
    user: z.string().nullable().describe('Who the client said it acts for (not authenticated)'),
    apiKeyId: z.string().nullable(),
    apiKeyName: z.string().nullable(),
  })
  .openapi('Actor');

export const labelEventSchema = z
  .object({
    id: z.number(),
    label: z.string(),
    fromVersion: z.number().nullable().describe('null: the label did not exist'),
    toVersion: z.number().nullable().describe('null: the label was removed'),
    actor: actorSchema,
    createdAt: z.string(),
  })
  .openapi('LabelEvent');

export const labelMoveSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    status: z.enum(['moved', 'unchanged']),
    version: z.number().nullable(),
    previousVersion: z.number().nullable(),
    labels: z.record(z.string(), z.number()),
  })
  .openapi('LabelMove');

export const moveLabelBodySchema = z.object({
  version: z.number().int().positive().describe('The version the label should point at'),
  expectedVersion: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe(
      'Where you saw the label (null: absent); if it moved since, the answer is 409 and nothing changes',
    ),
  author: z.string().max(200).optional().describe('Who moves it, for the audit log (e.g. a git user)'),
  reason: z
    .string()
    .min(3)
    .max(2000)
    .optional()
    .describe('Why; required to move a release label whose gates have not passed (an audited override)'),
});

export const removeLabelQuerySchema = z.object({
  expectedVersion: z.coerce.number().int().positive().optional(),
  author: z.string().max(200).optional(),
});

export const diffLineSchema = z.object({
  type: z.enum(['equal', 'added', 'removed']),
  text: z.string(),
  oldLine: z.number().nullable(),
  newLine: z.number().nullable(),
});

export const versionDiffSchema = z
  .object({
    name: z.string(),
    from: z.number(),
    to: z.number(),
    changed: z.boolean(),
    sections: z.array(z.object({ name: z.string(), changed: z.boolean(), lines: z.array(diffLineSchema) })),
  })
  .openapi('VersionDiff');

export const writeFieldsSchema = {
  commitMessage: z
    .string()
    .max(2000)
    .nullable()
    .optional()
    .describe('Why this version exists, like a commit message'),
  labels: z.array(labelNameSchema).max(20).optional().describe('Labels moved to the resulting version'),
  expectedLatestVersion: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe('The newest version you saw (null: you expect a new name); stale → 409, nothing saved'),
  author: z.string().max(200).optional().describe('Who creates it, for the audit log'),
};

export const actorJson = (actor: Actor) => ({ ...actor });

export const labelEventJson = (event: LabelEvent) => ({
  id: event.id,
  label: event.label,
  fromVersion: event.fromVersion,
  toVersion: event.toVersion,
  actor: actorJson(event.actor),
  createdAt: event.createdAt.toISOString(),
});

/** The metadata every version answer carries, around its definition. */
export function versionJson<D>({ record, labels }: LabelledVersion<D>) {
  return {
    name: record.name,
    version: record.version,
    labels,
    definition: record.definition,
    contentHash: record.contentHash,
    commitMessage: record.commitMessage,
    createdBy: actorJson(record.createdBy),
    createdAt: record.createdAt.toISOString(),
  };
}

export const versionMetadataFields = {
  name: z.string(),
  version: z.number(),
  labels: z.array(z.string()).describe('Labels pointing at this version; latest when it is the newest'),
  contentHash: z.string(),
  commitMessage: z.string().nullable(),
  createdBy: actorSchema,
  createdAt: z.string(),
};

/** 409 and 413 answers, declared on the write routes beside the standard ones. */
export const writeErrorResponses = {
  ...errorResponses,
  409: jsonContent(
    errorResponses[400].content['application/json'].schema,
    'Stale write: the state changed since the client read it',
  ),
  413: jsonContent(errorResponses[400].content['application/json'].schema, 'Body or template too large'),
} as const;

/**
 * Routes prompts and releases share: one version by label or number, version history, label moves with
 * optimistic concurrency, and the label audit log. `resource` is the URL segment (`prompts`).
 */
export function mountRegistryRoutes<D>(
  app: OpenAPIHono<AppEnv>,
  options: {
    resource: 'prompts' | 'releases';
    tag: string;
    service: VersionedRegistryService<D>;
    versionSchema: z.ZodType;
    toJson: (version: LabelledVersion<D>) => unknown;
  },
) {
  const { resource, tag, service, toJson } = options;
  const kind = resource.slice(0, -1);
  const getOne = createRoute({
    method: 'get',
    path: `/api/${resource}/{name}`,
    tags: [tag],
    summary: `One ${kind} version: by version, by label, or the ${defaultLabel} label by default`,
    request: { params: nameParamsSchema, query: selectorQuerySchema },
    responses: { 200: jsonContent(options.versionSchema, `The ${kind} version`), ...errorResponses },
  });
  const listVersions = createRoute({
    method: 'get',
    path: `/api/${resource}/{name}/versions`,
    tags: [tag],
    summary: `Version history of a ${kind}, newest first`,
    request: { params: nameParamsSchema, query: pageQuerySchema },
    responses: {
      200: jsonContent(z.object({ versions: z.array(options.versionSchema) }), 'The versions'),
      ...errorResponses,
    },
  });
  const getVersion = createRoute({
    method: 'get',
    path: `/api/${resource}/{name}/versions/{version}`,
    tags: [tag],
    summary: `One ${kind} version by number`,
    request: { params: versionParamsSchema },
    responses: { 200: jsonContent(options.versionSchema, `The ${kind} version`), ...errorResponses },
  });
  const moveLabel = createRoute({
    method: 'put',
    path: `/api/${resource}/{name}/labels/{label}`,
    tags: [tag],
    summary: `Point a label of a ${kind} at a version (audited; send expectedVersion to avoid lost updates)`,
    request: {
      params: labelParamsSchema,
      body: { content: { 'application/json': { schema: moveLabelBodySchema } }, required: true },
    },
    responses: { 200: jsonContent(labelMoveSchema, 'The label after the move'), ...writeErrorResponses },
  });
  const removeLabel = createRoute({
    method: 'delete',
    path: `/api/${resource}/{name}/labels/{label}`,
    tags: [tag],
    summary: `Remove a label of a ${kind} (audited)`,
    request: { params: labelParamsSchema, query: removeLabelQuerySchema },
    responses: { 200: jsonContent(labelMoveSchema, 'The labels after the removal'), ...writeErrorResponses },
  });
  const labelEvents = createRoute({
    method: 'get',
    path: `/api/${resource}/{name}/label-events`,
    tags: [tag],
    summary: `Audit log of a ${kind}'s label moves, newest first: who, when, from which version to which`,
    request: {
      params: nameParamsSchema,
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    },
    responses: {
      200: jsonContent(z.object({ events: z.array(labelEventSchema) }), 'The label moves'),
      ...errorResponses,
    },
  });

  app.openapi(getOne, async (context) => {
    const { name } = context.req.valid('param');
    const { label, version } = context.req.valid('query');
    const selector = version !== undefined ? { version } : { label: label ?? defaultLabel };
    return context.json(toJson(await service.select(context.var.projectId, name, selector)) as never, 200);
  });
  app.openapi(listVersions, async (context) => {
    const { name } = context.req.valid('param');
    const { limit, before } = context.req.valid('query');
    const versions = await service.listVersions(context.var.projectId, name, {
      limit,
      beforeVersion: before,
    });
    return context.json({ versions: versions.map(toJson) } as never, 200);
  });
  app.openapi(getVersion, async (context) => {
    const { name, version } = context.req.valid('param');
    return context.json(toJson(await service.select(context.var.projectId, name, { version })) as never, 200);
  });
  app.openapi(moveLabel, async (context) => {
    const { name, label } = context.req.valid('param');
    const body = context.req.valid('json');
    const moved = await service.moveLabel(
      context.var.projectId,
      { name, label, toVersion: body.version, expectedVersion: body.expectedVersion, reason: body.reason },
      { apiKeyId: context.var.apiKeyId, user: body.author },
    );
    return context.json(moved, 200);
  });
  app.openapi(removeLabel, async (context) => {
    const { name, label } = context.req.valid('param');
    const query = context.req.valid('query');
    const moved = await service.moveLabel(
      context.var.projectId,
      { name, label, toVersion: null, expectedVersion: query.expectedVersion },
      { apiKeyId: context.var.apiKeyId, user: query.author },
    );
    return context.json(moved, 200);
  });
  app.openapi(labelEvents, async (context) => {
    const { name } = context.req.valid('param');
    const events = await service.listLabelEvents(
      context.var.projectId,
      name,
      context.req.valid('query').limit,
    );
    return context.json({ events: events.map(labelEventJson) }, 200);
  });
}
