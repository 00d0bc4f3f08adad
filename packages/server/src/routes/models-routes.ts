import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { modelAliasSchema, modelCardSchema, modelFilterSchema } from '@sextant/core';
import type { AppEnv } from '../http/app-env.js';
import { callerOf } from '../http/caller-of.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { ModelService } from '../services/model-service.js';

const modelListSchema = z.object({
  models: z.array(modelCardSchema),
  /** Models known to the project before filtering. */
  total: z.number().int(),
});

const modelIdParam = z.object({
  id: z.string().min(3).describe('Model id with its slash URL-encoded: openai%2Fgpt-4o'),
});

const pricingInput = z.object({
  input: z.number().nonnegative().optional(),
  output: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
});

const addModelSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('endpoint'),
    provider: z.string().min(1).describe('Provider id for the model ids, e.g. ollama'),
    baseUrl: z
      .string()
      .min(1)
      .describe('OpenAI-compatible base URL with its version path, e.g. http://127.0.0.1:11434/v1'),
    models: z.array(z.string().min(1)).min(1),
    apiKeyEnv: z.string().optional().describe("Environment variable with the endpoint's API key"),
    pricing: pricingInput.optional(),
    contextWindow: z.number().int().positive().optional(),
    capabilities: z
      .object({
        tools: z.boolean(),
        structuredOutput: z.boolean(),
        vision: z.boolean(),
        reasoning: z.boolean(),
      })
      .partial()
      .optional(),
  }),
  z.object({
    type: z.literal('gguf'),
    file: z.string().min(1).describe('Path of a GGUF file on the server'),
    id: z.string().optional(),
    threads: z.number().int().min(1).max(256).optional().describe('CPU threads (default 1)'),
    name: z.string().optional(),
  }),
]);

const providerStatusSchema = z.object({
  provider: z.string(),
  name: z.string(),
  protocol: z.string(),
  credentialEnv: z.array(z.string()),
  credential: z.enum(['stored', 'environment', 'missing', 'not-needed']),
  models: z.number().int(),
});

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/models',
    summary:
      'The model garden: catalog and own models, with filters on provider, price, context and capabilities',
    request: { query: modelFilterSchema },
    responses: { 200: jsonContent(modelListSchema, 'Matching models'), ...errorResponses },
  }),
  compare: createRoute({
    method: 'get',
    path: '/api/models/compare',
    summary: 'Several models side by side',
    request: { query: z.object({ ids: z.string().min(3).describe('Comma-separated model ids') }) },
    responses: {
      200: jsonContent(z.object({ models: z.array(modelCardSchema) }), 'The models, in the order asked'),
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/models/{id}',
    summary: 'One model card',
    request: { params: modelIdParam },
    responses: { 200: jsonContent(modelCardSchema, 'The model'), ...errorResponses },
  }),
  add: createRoute({
    method: 'post',
    path: '/api/models',
    summary: "Add the project's own models: an OpenAI-compatible endpoint's models, or a local GGUF file",
    request: { body: { content: { 'application/json': { schema: addModelSchema } }, required: true } },
    responses: {
      201: jsonContent(z.object({ models: z.array(modelCardSchema) }), 'The added models'),
      ...errorResponses,
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/models/{id}',
    summary: "Remove one of the project's own models",
    request: { params: modelIdParam },
    responses: { 204: { description: 'Removed' }, ...errorResponses },
  }),
  listAliases: createRoute({
    method: 'get',
    path: '/api/model-aliases',
    summary: 'Aliases: names the gateway routes to a chain of models with timeouts, retries and caching',
    responses: {
      200: jsonContent(z.object({ aliases: z.array(modelAliasSchema) }), 'The aliases'),
      ...errorResponses,
    },
  }),
  putAlias: createRoute({
    method: 'put',
    path: '/api/model-aliases/{name}',
    summary: 'Create or replace an alias',
    request: {
      params: z.object({ name: z.string() }),
      body: {
        content: { 'application/json': { schema: modelAliasSchema.omit({ name: true }) } },
        required: true,
      },
    },
    responses: { 200: jsonContent(modelAliasSchema, 'The alias'), ...errorResponses },
  }),
  deleteAlias: createRoute({
    method: 'delete',
    path: '/api/model-aliases/{name}',
    summary: 'Delete an alias',
    request: { params: z.object({ name: z.string() }) },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
  providers: createRoute({
    method: 'get',
    path: '/api/providers',
    summary: 'Providers and where their credentials come from (credentials themselves are never returned)',
    responses: {
      200: jsonContent(z.object({ providers: z.array(providerStatusSchema) }), 'The providers'),
      ...errorResponses,
    },
  }),
  setCredential: createRoute({
    method: 'put',
    path: '/api/providers/{provider}/credential',
    summary: 'Store a provider credential for this project, encrypted at rest; it is never returned',
    request: {
      params: z.object({ provider: z.string() }),
      body: {
        content: { 'application/json': { schema: z.object({ apiKey: z.string().min(8) }) } },
        required: true,
      },
    },
    responses: { 204: { description: 'Stored' }, ...errorResponses },
  }),
  deleteCredential: createRoute({
    method: 'delete',
    path: '/api/providers/{provider}/credential',
    summary: 'Delete a stored provider credential',
    request: { params: z.object({ provider: z.string() }) },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
};

export function mountModelsRoutes(app: OpenAPIHono<AppEnv>, models: ModelService) {
  app.openapi(routes.list, async (context) =>
    context.json(await models.list(context.var.projectId, context.req.valid('query')), 200),
  );
  app.openapi(routes.compare, async (context) => {
    const ids = context.req
      .valid('query')
      .ids.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    return context.json({ models: await models.compare(context.var.projectId, ids) }, 200);
  });
  app.openapi(routes.get, async (context) =>
    context.json(await models.get(context.var.projectId, context.req.valid('param').id), 200),
  );
  app.openapi(routes.add, async (context) => {
    const body = context.req.valid('json');
    const added =
      body.type === 'endpoint'
        ? await models.addEndpoint(context.var.projectId, body, callerOf(context))
        : [await models.addGguf(context.var.projectId, body, callerOf(context))];
    return context.json({ models: added }, 201);
  });
  app.openapi(routes.remove, async (context) => {
    await models.remove(context.var.projectId, context.req.valid('param').id, callerOf(context));
    return context.body(null, 204);
  });
  app.openapi(routes.listAliases, async (context) =>
    context.json({ aliases: await models.listAliases(context.var.projectId) }, 200),
  );
  app.openapi(routes.putAlias, async (context) => {
    const alias = await models.putAlias(
      context.var.projectId,
      {
        ...context.req.valid('json'),
        name: context.req.valid('param').name,
      },
      callerOf(context),
    );
    return context.json(alias, 200);
  });
  app.openapi(routes.deleteAlias, async (context) => {
    await models.deleteAlias(context.var.projectId, context.req.valid('param').name, callerOf(context));
    return context.body(null, 204);
  });
  app.openapi(routes.providers, async (context) =>
    context.json({ providers: await models.listProviders(context.var.projectId) }, 200),
  );
  app.openapi(routes.setCredential, async (context) => {
    await models.setCredential(
      context.var.projectId,
      context.req.valid('param').provider,
      context.req.valid('json').apiKey,
      callerOf(context),
    );
    return context.body(null, 204);
  });
  app.openapi(routes.deleteCredential, async (context) => {
    await models.deleteCredential(
      context.var.projectId,
      context.req.valid('param').provider,
      callerOf(context),
    );
    return context.body(null, 204);
  });
}
