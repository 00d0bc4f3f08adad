import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  defaultLabel,
  modelConfigSchema,
  type PromptDefinition,
  promptDefinitionInputSchema,
  promptDefinitionSchema,
  promptRoleSchema,
} from '@sextant/core';
import type { RegistryEntry } from '@sextant/store';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { PromptService } from '../services/prompt-service.js';
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

const tag = 'Prompts';

const promptVersionSchema = z
  .object({ ...versionMetadataFields, definition: promptDefinitionSchema })
  .openapi('PromptVersion');

const promptSummarySchema = z
  .object({
    name: z.string(),
    latestVersion: z.number(),
    labels: z.record(z.string(), z.number()).describe('Label name to version'),
    type: z.enum(['text', 'chat']),
    description: z.string(),
    model: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PromptSummary');

const problemSchema = z.object({
  code: z.string(),
  message: z.string(),
  location: z
    .object({
      part: z.enum(['template', 'message', 'variable', 'model', 'prompt']),
      index: z.number().optional(),
      name: z.string().optional(),
      line: z.number().optional(),
      column: z.number().optional(),
    })
    .describe('Lines and columns are 1-based inside the template or message'),
});

const listPrompts = createRoute({
  method: 'get',
  path: '/api/prompts',
  tags: [tag],
  summary: 'Every prompt of the project with its newest version and labels',
  responses: {
    200: jsonContent(z.object({ prompts: z.array(promptSummarySchema) }), 'The prompts'),
    ...errorResponses,
  },
});

const createVersion = createRoute({
  method: 'post',
  path: '/api/prompts/{name}/versions',
  tags: [tag],
  summary: 'Save a new prompt version, unless the content equals the newest version',
  description:
    'Answers 201 with the new version, or 200 with status unchanged when the content hash equals the newest ' +
    "version's. Labels in `labels` move to the resulting version. Template syntax errors, undeclared or unused " +
    'variables answer 400 with line and column; more than 100000 template characters answer 413.',
  request: {
    params: nameParamsSchema,
    body: {
      content: {
        'application/json': {
          schema: z.object({ definition: promptDefinitionInputSchema, ...writeFieldsSchema }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(createdSchema(), 'Unchanged: the newest version already has this content'),
    201: jsonContent(createdSchema(), 'Created'),
    ...writeErrorResponses,
  },
});

const diffVersions = createRoute({
  method: 'get',
  path: '/api/prompts/{name}/diff',
  tags: [tag],
  summary: 'Line diff of two prompt versions: template or messages, variables, model configuration',
  request: { params: nameParamsSchema, query: diffQuerySchema },
  responses: { 200: jsonContent(versionDiffSchema, 'The diff'), ...errorResponses },
});

const renderPrompt = createRoute({
  method: 'post',
  path: '/api/prompts/{name}/render',
  tags: [tag],
  summary: 'Render a prompt version with variables (what the playground and the gateway send to a model)',
  request: {
    params: nameParamsSchema,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            label: z.string().min(1).max(50).optional(),
            version: z.number().int().positive().optional(),
            variables: z.record(z.string(), z.unknown()).default({}),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(
      z.object({
        name: z.string(),
        version: z.number(),
        compiled: z.discriminatedUnion('type', [
          z.object({ type: z.literal('text'), text: z.string() }),
          z.object({
            type: z.literal('chat'),
            messages: z.array(z.object({ role: promptRoleSchema, content: z.string() })),
          }),
        ]),
        config: modelConfigSchema,
      }),
      'The rendered prompt and its model configuration',
    ),
    ...errorResponses,
  },
});

const checkPrompts = createRoute({
  method: 'post',
  path: '/api/prompts/check',
  tags: [tag],
  summary:
    "Check prompt definitions without saving: syntax, variables, and model ids against the project's catalog",
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ prompts: z.array(z.unknown()).max(500).describe('Prompt definitions') }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(
      z.object({
        results: z.array(z.object({ problems: z.array(problemSchema) })),
        models: z
          .record(z.string(), z.object({ known: z.boolean(), suggestions: z.array(z.string()).optional() }))
          .describe('Per model id named: whether the project knows it, with close names when not'),
      }),
      'Problems per definition, in order; empty when it is fine',
    ),
    ...writeErrorResponses,
  },
});

function createdSchema() {
  return z.object({
    status: z.enum(['created', 'unchanged']),
    prompt: promptVersionSchema,
    labelEvents: z.array(labelEventSchema),
    warnings: z.array(z.string()).describe('Did not stop the save, e.g. a model id missing from the catalog'),
  });
}

const summaryJson = (entry: RegistryEntry<PromptDefinition>) => ({
  name: entry.name,
  latestVersion: entry.latest.version,
  labels: entry.labels,
  type: entry.latest.definition.type,
  description: entry.latest.definition.description,
  model: entry.latest.definition.config.model,
  createdAt: entry.createdAt.toISOString(),
  updatedAt: entry.updatedAt.toISOString(),
});

/** The prompt registry's REST API under /api/prompts, scoped to the caller's project. */
export function mountPromptRoutes(app: OpenAPIHono<AppEnv>, prompts: PromptService) {
  app.use('/api/prompts/*', registryBodyLimit);
  app.openapi(listPrompts, async (context) => {
    const entries = await prompts.list(context.var.projectId);
    return context.json({ prompts: entries.map(summaryJson) }, 200);
  });
  app.openapi(checkPrompts, async (context) => {
    const { results, models } = await prompts.check(context.var.projectId, context.req.valid('json').prompts);
    return context.json({ results: results.map((problems) => ({ problems })), models }, 200);
  });
  app.openapi(createVersion, async (context) => {
    const { name } = context.req.valid('param');
    const body = context.req.valid('json');
    const created = await prompts.create(context.var.projectId, name, body, {
      apiKeyId: context.var.apiKeyId,
      user: body.author,
    });
    const json = {
      status: created.status,
      prompt: versionJson(created.prompt),
      labelEvents: created.labelEvents.map(labelEventJson),
      warnings: created.warnings,
    };
    return created.status === 'created' ? context.json(json, 201) : context.json(json, 200);
  });
  app.openapi(diffVersions, async (context) => {
    const { name } = context.req.valid('param');
    const { from, to } = context.req.valid('query');
    return context.json(await prompts.diff(context.var.projectId, name, from, to), 200);
  });
  app.openapi(renderPrompt, async (context) => {
    const { name } = context.req.valid('param');
    const { label, version, variables } = context.req.valid('json');
    const selector = version !== undefined ? { version } : { label: label ?? defaultLabel };
    return context.json(await prompts.render(context.var.projectId, name, selector, variables), 200);
  });
  mountRegistryRoutes(app, {
    resource: 'prompts',
    tag,
    service: prompts.versions,
    versionSchema: promptVersionSchema,
    toJson: versionJson,
  });
}
