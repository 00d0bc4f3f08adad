import type { ChatUsage } from './ai-sdk-chat.js';
import { type TargetOutcome, upstreamUrl } from './chat-target.js';
import type { ClientResponse } from './client-response.js';
import { GatewayError } from './gateway-error.js';
import { passThrough } from './openai-passthrough.js';
import type { EmbeddingRequest } from './openai-request-schemas.js';
import { providerError } from './provider-errors.js';
import type { ProviderPool } from './provider-pool.js';
import type { ResolvedRoute, RouteTarget } from './resolve-route.js';

/** One embeddings attempt: forwarded to OpenAI-compatible upstreams, translated by the AI SDK otherwise. */
export async function callEmbeddingTarget(
  target: RouteTarget,
  request: EmbeddingRequest,
  rawBody: Buffer,
  route: ResolvedRoute,
  client: ClientResponse,
  providers: ProviderPool,
): Promise<TargetOutcome> {
  const { card } = target;
  if (card.access.protocol === 'openai' && card.access.baseUrl) {
    const body =
      card.upstreamId === request.model
        ? rawBody
        : Buffer.from(JSON.stringify({ ...request, model: card.upstreamId }));
    const result = await passThrough(
      {
        url: upstreamUrl(card.access.baseUrl, 'embeddings'),
        apiKey: target.apiKey,
        body,
        stream: false,
        dropUsageEvent: false,
        timeoutMs: route.timeoutMs,
        label: card.id,
        provider: card.provider,
        keepBytes: false,
        responseHeaders: { 'x-sextant-model': card.id },
      },
      client,
    );
    return { ...result, output: null };
  }
  const values = typeof request.input === 'string' ? [request.input] : request.input;
  if (!values.every((value): value is string => typeof value === 'string')) {
    throw new GatewayError(400, 'invalid_request_error', `${card.id} takes text input, not token arrays`, {
      param: 'input',
      code: 'invalid_request',
    });
  }
  const model = providers.get(card, target.apiKey).embeddingModel?.(card.upstreamId);
  if (!model) {
    throw new GatewayError(400, 'invalid_request_error', `${card.id} has no embeddings`, {
      code: 'unsupported_model',
    });
  }
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, route.timeoutMs);
  try {
    const result = await model.doEmbed({ values, abortSignal: controller.signal });
    const firstByteMs = performance.now() - started;
    const tokens = result.usage?.tokens ?? null;
    const base64 = request.encoding_format === 'base64';
    const body = Buffer.from(
      JSON.stringify({
        object: 'list',
        data: result.embeddings.map((embedding, index) => ({
          object: 'embedding',
          index,
          embedding: base64 ? Buffer.from(new Float32Array(embedding).buffer).toString('base64') : embedding,
        })),
        model: request.model,
        usage: { prompt_tokens: tokens ?? 0, total_tokens: tokens ?? 0 },
      }),
    );
    client.send(200, { 'content-type': 'application/json', 'x-sextant-model': card.id }, body);
    const usage: ChatUsage | null =
      tokens === null
        ? null
        : { input: tokens, output: 0, cacheRead: null, cacheWrite: null, reasoning: null };
    return {
      output: null,
      usage,
      firstByteMs,
      responseModel: card.upstreamId,
      sentBytes: null,
      contentType: 'application/json',
    };
  } catch (error) {
    throw providerError(error, card.id, timedOut, route.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
