import {
  type ChatOutput,
  type ChatUsage,
  streamChatChunks,
  toCallOptions,
  toChatCompletion,
} from './ai-sdk-chat.js';
import type { ClientResponse } from './client-response.js';
import { newCompletionId } from './completion-id.js';
import { passThrough } from './openai-passthrough.js';
import type { ChatCompletionRequest } from './openai-request-schemas.js';
import { providerError } from './provider-errors.js';
import type { ProviderPool } from './provider-pool.js';
import type { ResolvedRoute, RouteTarget } from './resolve-route.js';

/** What one successful attempt produced. */
export interface TargetOutcome {
  output: ChatOutput | null;
  usage: ChatUsage | null;
  firstByteMs: number | null;
  responseModel: string | null;
  /** The exact bytes the client received, when the response cache wants them. */
  sentBytes: Buffer | null;
  contentType: string;
}

const urls = new Map<string, URL>();
/** `${baseUrl}/${path}`, memoized: URL parsing is not free on the hot path. */
export function upstreamUrl(baseUrl: string, path: string): URL {
  const key = `${baseUrl}|${path}`;
  let url = urls.get(key);
  if (!url) {
    url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path}`);
    if (urls.size > 1000) urls.clear();
    urls.set(key, url);
  }
  return url;
}

/** One attempt at one model: forwarded to OpenAI-compatible upstreams, translated by the AI SDK otherwise. */
export function callChatTarget(
  target: RouteTarget,
  request: ChatCompletionRequest,
  rawBody: Buffer,
  route: ResolvedRoute,
  client: ClientResponse,
  providers: ProviderPool,
  keepBytes: boolean,
): Promise<TargetOutcome> {
  const { card } = target;
  const responseHeaders = { 'x-sextant-model': card.id, ...(keepBytes ? { 'x-sextant-cache': 'miss' } : {}) };
  if (card.access.protocol === 'openai' && card.access.baseUrl) {
    const stream = request.stream === true;
    const wantsUsage = request.stream_options?.include_usage === true;
    const rewrite = card.upstreamId !== request.model || (stream && !wantsUsage);
    const body = rewrite
      ? Buffer.from(
          JSON.stringify({
            ...request,
            model: card.upstreamId,
            ...(stream ? { stream_options: { ...request.stream_options, include_usage: true } } : {}),
          }),
        )
      : rawBody;
    return passThrough(
      {
        url: upstreamUrl(card.access.baseUrl, 'chat/completions'),
        apiKey: target.apiKey,
        body,
        stream,
        dropUsageEvent: stream && !wantsUsage,
        timeoutMs: route.timeoutMs,
        label: card.id,
        provider: card.provider,
        keepBytes,
        responseHeaders,
      },
      client,
    );
  }
  return translatedChat(target, request, route, client, providers, keepBytes, responseHeaders);
}

async function translatedChat(
  target: RouteTarget,
  request: ChatCompletionRequest,
  route: ResolvedRoute,
  client: ClientResponse,
  providers: ProviderPool,
  keepBytes: boolean,
  responseHeaders: Record<string, string>,
): Promise<TargetOutcome> {
  const { card } = target;
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, route.timeoutMs);
  const stopWatching = client.onAbort(() => controller.abort());
  const meta = { id: newCompletionId(), created: Math.floor(Date.now() / 1000), model: request.model };
  try {
    const model = providers.get(card, target.apiKey).languageModel(card.upstreamId);
    const options = toCallOptions(request, controller.signal);
    if (request.stream !== true) {
      const result = await model.doGenerate(options);
      const firstByteMs = performance.now() - started;
      const completion = toChatCompletion(result, meta);
      const body = Buffer.from(JSON.stringify(completion.body));
      client.send(200, { 'content-type': 'application/json', ...responseHeaders }, body);
      return {
        ...completion,
        firstByteMs,
        responseModel: card.upstreamId,
        sentBytes: keepBytes ? body : null,
        contentType: 'application/json',
      };
    }
    const { stream } = await model.doStream(options);
    clearTimeout(timer);
    const kept: string[] = [];
    let firstByteMs: number | null = null;
    client.start(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...responseHeaders,
    });
    const result = await streamChatChunks(
      stream,
      { ...meta, includeUsage: request.stream_options?.include_usage === true },
      (frame) => {
        firstByteMs ??= performance.now() - started;
        client.write(frame);
        if (keepBytes) kept.push(frame);
      },
    );
    client.end();
    return {
      ...result,
      firstByteMs,
      responseModel: card.upstreamId,
      sentBytes: keepBytes ? Buffer.from(kept.join('')) : null,
      contentType: 'text/event-stream',
    };
  } catch (error) {
    throw providerError(error, card.id, timedOut, route.timeoutMs);
  } finally {
    clearTimeout(timer);
    stopWatching();
  }
}
