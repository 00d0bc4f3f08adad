import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { nodeClientResponse, webClientResponse } from '../gateway/client-response.js';
import { GatewayError } from '../gateway/gateway-error.js';
import type { GatewayService } from '../gateway/gateway-service.js';
import { chatCompletionRequestSchema, embeddingRequestSchema } from '../gateway/openai-request-schemas.js';
import type { AppEnv } from '../http/app-env.js';
import { readBody } from '../http/read-body.js';
import { requestHeaders } from '../http/request-headers.js';

const openAiError = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string(),
    }),
  })
  .openapi('OpenAiError');

const errorResponses = Object.fromEntries(
  [400, 401, 404, 429, 502, 504].map((status) => [
    status,
    { description: 'OpenAI-style error', content: { 'application/json': { schema: openAiError } } },
  ]),
);

/**
 * The OpenAI-compatible gateway on `/v1` (behind the same API-key middleware as `/v1/traces`). Served by
 * Node, answers are written straight to the socket; under `app.request` they become web Responses.
 */
export function mountGatewayRoutes(app: OpenAPIHono<AppEnv>, gateway: GatewayService, maxBodyBytes: number) {
  const handle = (operation: 'chat' | 'embeddings') => async (context: Context<AppEnv>) => {
    const env = context.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    const outgoing = env?.outgoing;
    const client = outgoing ? nodeClientResponse(outgoing) : webClientResponse();
    const header = requestHeaders(context);
    let body: Buffer;
    try {
      body = await readBody(context, maxBodyBytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = (error as { status?: number }).status ?? 400;
      body = Buffer.alloc(0);
      const failure = new GatewayError(status, 'invalid_request_error', message, { code: 'invalid_body' });
      client.send(status, { 'content-type': 'application/json' }, JSON.stringify(failure.toBody()));
      return outgoing ? RESPONSE_ALREADY_SENT : (client as ReturnType<typeof webClientResponse>).response;
    }
    const done =
      operation === 'chat'
        ? gateway.chat(context.var.projectId, body, header, client)
        : gateway.embeddings(context.var.projectId, body, header, client);
    if (outgoing) {
      await done;
      return RESPONSE_ALREADY_SENT;
    }
    void done;
    return (client as ReturnType<typeof webClientResponse>).response;
  };
  app.post('/v1/chat/completions', handle('chat'));
  app.post('/v1/embeddings', handle('embeddings'));

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/chat/completions',
    summary: 'OpenAI-compatible chat completions through the gateway (streaming and not), traced and costed',
    description:
      '`model` is a catalog id (`openai/gpt-4o`), one of your models, or an alias with fallbacks. ' +
      'Send `traceparent` to join your trace; `x-sextant-cache: no-store` skips the response cache. ' +
      '`model: "prompt:NAME@LABEL"` (or `@VERSION`; bare `prompt:NAME` reads `production`) calls a prompt ' +
      "version: its messages rendered with the body's `variables` object (or JSON-encoded " +
      "`metadata.variables`), then the request `messages`, sent to the prompt's model (or the model named " +
      'by the `x-sextant-prompt-model` header) with its parameters unless the request sets them. ' +
      '`model: "release:NAME@LABEL"` (or `@VERSION`; bare `release:NAME` reads `production`) calls a release ' +
      'version: its first pinned prompt (or the one named by the `x-sextant-release-prompt` header) rendered the ' +
      "same way, sent to the release's model for it (`models.PROMPT`, else `models.generator`, else the " +
      "prompt's model) with the release's chat parameters (temperature, top_p, max_tokens, ...) unless the " +
      'request sets them; the span carries `sextant.release.id` = `NAME@VERSION`. When a canary runs on the ' +
      'prompt or release label, a share of users (`x-sextant-user-id` or `user`) or sessions ' +
      '(`x-sextant-session-id`) is served by its candidate version, sticky per id; spans carry ' +
      '`sextant.canary.id` and `sextant.canary.arm`.',
    security: [{ apiKey: [] }],
    request: {
      body: { content: { 'application/json': { schema: chatCompletionRequestSchema } }, required: true },
    },
    responses: {
      200: {
        description: 'A chat.completion object, or server-sent chat.completion.chunk events when streaming',
      },
      ...errorResponses,
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/embeddings',
    summary: 'OpenAI-compatible embeddings through the gateway, traced and costed',
    security: [{ apiKey: [] }],
    request: {
      body: { content: { 'application/json': { schema: embeddingRequestSchema } }, required: true },
    },
    responses: { 200: { description: 'A list of embeddings' }, ...errorResponses },
  });
}
