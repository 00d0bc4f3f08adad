import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, jsonContent } from '../http/schemas.js';
import type { ProjectService } from '../services/project-service.js';

const projectSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string() })
  .openapi('Project');
const apiKeySchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    prefix: z.string().describe('First characters of the key, to tell keys apart'),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

const getProject = createRoute({
  method: 'get',
  path: '/api/project',
  summary: 'The project of the calling API key',
  responses: { 200: jsonContent(projectSchema, 'The project'), ...errorResponses },
});

const listKeys = createRoute({
  method: 'get',
  path: '/api/keys',
  summary: "This project's API keys (hashes and keys are never returned)",
  responses: { 200: jsonContent(z.object({ keys: z.array(apiKeySchema) }), 'The keys'), ...errorResponses },
});

const createKey = createRoute({
  method: 'post',
  path: '/api/keys',
  summary: 'Create an API key for this project; the key is shown only in this response',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(100) }) } },
      required: true,
    },
  },
  responses: {
    201: jsonContent(z.object({ key: z.string(), apiKey: apiKeySchema }), 'The new key, shown once'),
    ...errorResponses,
  },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/api/keys/{keyId}',
  summary: 'Revoke an API key of this project',
  request: { params: z.object({ keyId: z.string().min(1) }) },
  responses: { 204: { description: 'Revoked' }, ...errorResponses },
});

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const keyJson = (key: {
  id: string;
  projectId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}) => ({
  id: key.id,
  projectId: key.projectId,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  revokedAt: iso(key.revokedAt),
});

export function mountProjectRoutes(
  app: OpenAPIHono<AppEnv>,
  projects: ProjectService,
  onKeyRevoked: () => void,
) {
  app.openapi(getProject, async (context) => {
    const project = await projects.requireProject(context.var.projectId);
    return context.json(
      { id: project.id, name: project.name, createdAt: project.createdAt.toISOString() },
      200,
    );
  });
  app.openapi(listKeys, async (context) => {
    const keys = await projects.listApiKeys(context.var.projectId);
    return context.json({ keys: keys.map(keyJson) }, 200);
  });
  app.openapi(createKey, async (context) => {
    const created = await projects.createApiKey(context.var.projectId, context.req.valid('json').name, {
      apiKeyId: context.var.apiKeyId,
    });
    return context.json({ key: created.key, apiKey: keyJson(created.record) }, 201);
  });
  app.openapi(revokeKey, async (context) => {
    await projects.revokeApiKey(context.var.projectId, context.req.valid('param').keyId, {
      apiKeyId: context.var.apiKeyId,
    });
    onKeyRevoked();
    return context.body(null, 204);
  });
}
