import { z } from '@hono/zod-openapi';

/** The error envelope every failing route answers with. */
export const errorEnvelopeSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

/** Standard error responses, declared on every route so the OpenAPI document shows them. */
export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: errorEnvelopeSchema } } },
  401: {
    description: 'Missing or invalid API key',
    content: { 'application/json': { schema: errorEnvelopeSchema } },
  },
  404: {
    description: 'Not found in this project',
    content: { 'application/json': { schema: errorEnvelopeSchema } },
  },
} as const;

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
