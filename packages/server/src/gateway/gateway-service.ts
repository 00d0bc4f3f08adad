import type { HeaderReader } from '../http/request-headers.js';
import type { ModelRegistry } from '../services/model-registry.js';
import type { CanaryRouter } from './canary-router.js';
import { callChatTarget, type TargetOutcome } from './chat-target.js';
import type { ClientResponse } from './client-response.js';
import { callEmbeddingTarget } from './embedding-target.js';
import { estimateUsage } from './estimate-usage.js';
import { isPlainChatRequest } from './fast-request-check.js';
import { GatewayError } from './gateway-error.js';
import type { GatewayCall } from './gateway-span.js';
import { gatewaySpan } from './gateway-span.js';
import type { GatewaySpanWriter } from './gateway-span-writer.js';
import { inputMessages } from './input-messages.js';
import {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
  describeRequestIssues,
  embeddingRequestSchema,
  type PromptChatRequest,
  promptChatRequestSchema,
} from './openai-request-schemas.js';
import type { ProviderPool } from './provider-pool.js';
import { ReferenceResolver } from './reference-resolver.js';
import { isPromptReference, type PromptRenderer } from './resolve-prompt-request.js';
import { isReleaseReference, type ReleaseReader } from './resolve-release-request.js';
import { type ResolvedRoute, type RouteDefaults, resolveRoute } from './resolve-route.js';
import { ResponseCache } from './response-cache.js';
import { newSpanId, readTraceContext } from './traceparent.js';

export interface GatewayOptions {
  registry: ModelRegistry;
  /** Resolves `model: "prompt:NAME@LABEL"` chat calls. */
  prompts: PromptRenderer;
  /** Resolves `model: "release:NAME@LABEL"` chat calls; without it they are refused. */
  releases?: ReleaseReader;
  providers: ProviderPool;
  spans: GatewaySpanWriter;
  /** Settings for calls that name a model directly (aliases carry their own). */
  defaults?: Partial<RouteDefaults>;
  /** Where credentials named by models are read; the process environment by default. */
  environment?: NodeJS.ProcessEnv;
  /** First retry delay; doubles per retry (with jitter). Default 200 ms. */
  retryBaseDelayMs?: number;
  /** Sends a share of `prompt:NAME@LABEL` and `release:NAME@LABEL` calls to a canary's candidate version. */
  canaries?: CanaryRouter;
  logError: (error: unknown) => void;
}

const defaultRoute: RouteDefaults = { timeoutMs: 60_000, maxRetries: 2, cacheTtlSeconds: 0 };

/**
 * The OpenAI-compatible gateway: resolves `model` to a route, answers from the exact-match cache when it
 * can, else tries the route's models in order with timeouts and retries, and records one span per call.
 */
export class GatewayService {
  private readonly cache = new ResponseCache();
  private readonly references: ReferenceResolver;
  private readonly defaults: RouteDefaults;
  /** Calls still running and spans still being recorded, so `close` can wait for them. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: GatewayOptions) {
    this.defaults = { ...defaultRoute, ...options.defaults };
    this.references = new ReferenceResolver(options);
  }

  chat(projectId: string, body: Buffer, header: HeaderReader, client: ClientResponse): Promise<void> {
    return this.track(this.handle('chat', projectId, body, header, client));
  }

  embeddings(projectId: string, body: Buffer, header: HeaderReader, client: ClientResponse): Promise<void> {
    return this.track(this.handle('embeddings', projectId, body, header, client));
  }

  /**
   * Waits for calls in flight, stores every span recorded so far, and releases providers (unloading
   * in-process GGUF models). Stop accepting requests first: calls arriving later are not waited for.
   */
  async close(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.options.spans.close();
    await this.options.providers.close();
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  private async handle(
    operation: GatewayCall['operation'],
    projectId: string,
    body: Buffer,
    header: HeaderReader,
    client: ClientResponse,
  ): Promise<void> {
    const started = performance.now();
    const call: GatewayCall = {
      operation,
      trace: readTraceContext(header('traceparent')),
      spanId: newSpanId(),
      requestedModel: '',
      alias: null,
      card: null,
      startTimeUs: Date.now() * 1000,
      durationMs: 0,
      firstTokenMs: null,
      stream: false,
      attempts: 0,
      cache: 'off',
      error: null,
      input: null,
      output: null,
      usage: null,
      usageEstimated: false,
      responseModel: null,
      sessionId: header('x-sextant-session-id') ?? null,
      userId: header('x-sextant-user-id') ?? null,
      tags: (header('x-sextant-tags') ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      promptReference: null,
      promptName: null,
      promptVersion: null,
      releaseReference: null,
      releaseId: null,
    };
    let traced = false;
    let requestBody = body;
    let chatRequest: ChatCompletionRequest | null = null;
    try {
      const parsed = parseRequest(operation, body);
      call.requestedModel = parsed.model;
      call.stream = operation === 'chat' && (parsed as ChatCompletionRequest).stream === true;
      call.userId ??= parsed.user ?? null;
      if (operation === 'chat') {
        chatRequest = parsed as ChatCompletionRequest;
        call.input = inputMessages(chatRequest);
      } else {
        const input = (parsed as { input: unknown }).input;
        call.input =
          typeof input === 'string'
            ? input
            : Array.isArray(input) && typeof input[0] === 'string'
              ? input.join('\n')
              : null;
      }
      traced = true;
      if (chatRequest && isReleaseReference(chatRequest.model)) {
        const release = await this.references.release(
          projectId,
          chatRequest as PromptChatRequest,
          header,
          call,
        );
        chatRequest = release.request;
        requestBody = release.body;
      } else if (chatRequest && isPromptReference(chatRequest.model)) {
        const prompt = await this.references.prompt(
          projectId,
          chatRequest as PromptChatRequest,
          header,
          call,
        );
        chatRequest = prompt.request;
        requestBody = prompt.body;
      }
      const model = chatRequest?.model ?? parsed.model;
      const view = await this.options.registry.view(projectId);
      const route = resolveRoute(view, model, this.defaults, this.options.environment ?? process.env);
      call.alias = route.alias;
      const cacheKey = this.cacheKey(route, projectId, model, requestBody, header);
      if (cacheKey && this.replayFromCache(cacheKey, call, client)) return;
      call.cache = cacheKey ? 'miss' : 'off';
      const outcome = await this.tryTargets(route, call, client, (target, attemptClient) =>
        operation === 'chat'
          ? callChatTarget(
              target,
              chatRequest!,
              requestBody,
              route,
              attemptClient,
              this.options.providers,
              Boolean(cacheKey),
            )
          : callEmbeddingTarget(target, parsed as never, body, route, attemptClient, this.options.providers),
      );
      call.output = outcome.output;
      call.usage = outcome.usage;
      call.firstTokenMs = outcome.firstByteMs;
      call.responseModel = outcome.responseModel;
      if (cacheKey && outcome.sentBytes && route.cacheTtlSeconds > 0) {
        this.cache.set(cacheKey, {
          status: 200,
          contentType: outcome.contentType,
          body: outcome.sentBytes,
          summary: {
            output: outcome.output,
            usage: outcome.usage,
            card: call.card,
            responseModel: outcome.responseModel,
          },
          expiresAt: Date.now() + route.cacheTtlSeconds * 1000,
        });
      }
    } catch (error) {
      call.error = asGatewayError(error);
      if (call.error.status >= 500 && !(error instanceof GatewayError)) this.options.logError(error);
      sendError(client, call.error, call.stream);
    } finally {
      call.durationMs = performance.now() - started;
      if (traced) void this.track(this.record(projectId, call));
    }
  }

  private cacheKey(
    route: ResolvedRoute,
    projectId: string,
    model: string,
    body: Buffer,
    header: HeaderReader,
  ) {
    if (route.cacheTtlSeconds <= 0) return null;
    const optOut = `${header('x-sextant-cache') ?? ''} ${header('cache-control') ?? ''}`.toLowerCase();
    if (/no-store|no-cache|bypass/.test(optOut)) return null;
    return ResponseCache.key(projectId, model, body);
  }

  private replayFromCache(key: string, call: GatewayCall, client: ClientResponse): boolean {
    const hit = this.cache.get(key);
    if (!hit) return false;
    const summary = hit.summary as Pick<GatewayCall, 'output' | 'usage' | 'card' | 'responseModel'>;
    Object.assign(call, summary, { cache: 'hit', firstTokenMs: 0 });
    client.send(hit.status, { 'content-type': hit.contentType, 'x-sextant-cache': 'hit' }, hit.body);
    return true;
  }

  /** Targets in order; each gets 1 + maxRetries attempts on retryable errors, with backoff. */
  private async tryTargets(
    route: ResolvedRoute,
    call: GatewayCall,
    client: ClientResponse,
    attempt: (target: ResolvedRoute['targets'][number], client: ClientResponse) => Promise<TargetOutcome>,
  ): Promise<TargetOutcome> {
    const failures: string[] = [];
    let last: GatewayError | null = null;
    for (const target of route.targets) {
      call.card = target.card;
      if (target.problem) {
        last = target.problem;
        failures.push(`${target.card.id}: ${target.problem.message}`);
        continue;
      }
      for (let retry = 0; retry <= route.maxRetries; retry++) {
        call.attempts += 1;
        try {
          return await attempt(target, client);
        } catch (error) {
          last = asGatewayError(error);
          if (client.started || client.aborted) throw last;
          if (!last.retryable || retry === route.maxRetries) break;
          await sleep(this.backoff(retry));
        }
      }
      failures.push(`${target.card.id}: ${last!.message}`);
      if (!last!.fallbackWorthy) break;
    }
    if (!last) throw new GatewayError(500, 'server_error', 'route has no models');
    if (failures.length <= 1) throw last;
    throw new GatewayError(
      last.status,
      last.type,
      `all ${failures.length} models failed: ${failures.join('; ')}`,
      last.options,
    );
  }

  private backoff(retry: number): number {
    const base = (this.options.retryBaseDelayMs ?? 200) * 2 ** retry;
    return base / 2 + Math.random() * base;
  }

  private async record(projectId: string, call: GatewayCall): Promise<void> {
    try {
      if (!call.usage && !call.error && call.operation === 'chat') {
        call.usage = await estimateUsage(call);
        call.usageEstimated = call.usage !== null;
      }
      this.options.spans.write(projectId, gatewaySpan(call));
    } catch (error) {
      this.options.logError(error);
    }
  }
}

function parseRequest(operation: GatewayCall['operation'], body: Buffer) {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GatewayError(
      400,
      'invalid_request_error',
      `request body is not valid JSON: ${(error as Error).message}`,
      {
        code: 'invalid_json',
      },
    );
  }
  const model = (json as { model?: unknown })?.model;
  const promptCall = operation === 'chat' && (isPromptReference(model) || isReleaseReference(model));
  if (operation === 'chat' && !promptCall && isPlainChatRequest(json)) return json as ChatCompletionRequest;
  const schema = promptCall
    ? promptChatRequestSchema
    : operation === 'chat'
      ? chatCompletionRequestSchema
      : embeddingRequestSchema;
  const result = schema.safeParse(json);
  if (!result.success) {
    const { message, param } = describeRequestIssues(result.error);
    throw new GatewayError(400, 'invalid_request_error', message, { code: 'invalid_request', param });
  }
  return result.data;
}

function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(500, 'server_error', 'internal error in the gateway; see the server log', {
    cause: error,
  });
}

/** Before anything was sent: an OpenAI error body. Mid-stream: an error event, then the end. */
function sendError(client: ClientResponse, error: GatewayError, stream: boolean) {
  if (client.aborted) return;
  if (client.started) {
    if (stream) client.write(`data: ${JSON.stringify(error.toBody())}\n\n`);
    client.end();
    return;
  }
  client.send(
    error.status === 499 ? 400 : error.status,
    { 'content-type': 'application/json' },
    JSON.stringify(error.toBody()),
  );
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
