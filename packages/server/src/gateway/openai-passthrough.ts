import type { IncomingMessage } from 'node:http';
import type { ChatOutput, ChatUsage } from './ai-sdk-chat.js';
import type { ClientResponse } from './client-response.js';
import { GatewayError, upstreamError } from './gateway-error.js';
import { fromOpenAiUsage, type OpenAiUsageJson, SseChatTap } from './sse-chat-tap.js';
import { postUpstream, readAll } from './upstream-client.js';

export interface PassThroughRequest {
  url: URL;
  apiKey: string | null;
  body: Buffer;
  stream: boolean;
  /** The gateway asked for usage on the client's behalf: drop the usage-only event from the stream. */
  dropUsageEvent: boolean;
  timeoutMs: number;
  /** Names the upstream in errors: `openai/gpt-4o`. */
  label: string;
  provider: string;
  /** Keep the bytes sent to the client, for the response cache. */
  keepBytes: boolean;
  /** Extra headers for the client answer (`x-sextant-*`). */
  responseHeaders: Record<string, string>;
}

export interface PassThroughResult {
  output: ChatOutput | null;
  usage: ChatUsage | null;
  /** Milliseconds from the call to the first byte of the answer. */
  firstByteMs: number;
  responseModel: string | null;
  sentBytes: Buffer | null;
  contentType: string;
}

/**
 * Forwards an OpenAI-compatible call byte for byte: the request body as the client sent it (unless the
 * model name or stream options had to change), the upstream answer as it arrives. It parses only what
 * the span needs, after the bytes are on their way. Non-2xx answers throw (nothing is sent), so the
 * caller can retry or fall back.
 */
export async function passThrough(
  request: PassThroughRequest,
  client: ClientResponse,
): Promise<PassThroughResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: request.stream ? 'text/event-stream' : 'application/json',
  };
  if (request.apiKey) headers.authorization = `Bearer ${request.apiKey}`;
  const upstream = await postUpstream(
    {
      url: request.url,
      headers,
      body: request.body,
      timeoutMs: request.timeoutMs,
      onClientGone: (listener) => client.onAbort(listener),
    },
    request.label,
  );
  const firstByteMs = performance.now() - started;
  const status = upstream.statusCode ?? 502;
  if (status < 200 || status >= 300) {
    throw upstreamError(request.label, status, (await readAll(upstream)).toString('utf8'));
  }
  const contentType = upstream.headers['content-type'] ?? 'application/json';
  if (request.stream && contentType.includes('text/event-stream')) {
    return relayStream(upstream, request, client, firstByteMs, contentType);
  }
  const body = await readAll(upstream);
  client.send(status, { 'content-type': contentType, ...request.responseHeaders }, body);
  return { ...summarizeJson(body), firstByteMs, sentBytes: request.keepBytes ? body : null, contentType };
}

async function relayStream(
  upstream: IncomingMessage,
  request: PassThroughRequest,
  client: ClientResponse,
  firstByteMs: number,
  contentType: string,
): Promise<PassThroughResult> {
  client.start(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...request.responseHeaders,
  });
  const tap = new SseChatTap(request.dropUsageEvent);
  const kept: Buffer[] = [];
  let stalled = false;
  const idle = setTimeout(() => {
    stalled = true;
    upstream.destroy();
  }, request.timeoutMs);
  // Plain 'data' listeners: an async iterator costs a promise per chunk on the hot path.
  const relayed = new Promise<void>((resolve, reject) => {
    upstream.on('data', (chunk: Buffer) => {
      idle.refresh();
      if (request.dropUsageEvent) {
        const forward = tap.push(chunk);
        if (!forward) return;
        client.write(forward);
        if (request.keepBytes) kept.push(Buffer.from(forward));
        return;
      }
      client.write(chunk);
      tap.push(chunk);
      if (request.keepBytes) kept.push(chunk);
    });
    upstream.once('end', resolve);
    upstream.once('error', reject);
    upstream.once('close', () =>
      stalled ? resolve() : reject(new Error('upstream closed the stream early')),
    );
  });
  try {
    await relayed;
    const rest = tap.flush();
    if (rest && request.dropUsageEvent) client.write(rest);
  } catch (error) {
    if (!stalled) {
      throw new GatewayError(
        502,
        'upstream_error',
        `${request.label} stream broke: ${(error as Error).message}`,
      );
    }
  } finally {
    clearTimeout(idle);
  }
  if (stalled) {
    throw new GatewayError(
      504,
      'timeout_error',
      `${request.label} stopped streaming for ${request.timeoutMs} ms`,
      {
        code: 'upstream_timeout',
      },
    );
  }
  client.end();
  return {
    output: tap.output(),
    usage: tap.usage,
    firstByteMs,
    responseModel: tap.model,
    sentBytes: request.keepBytes ? Buffer.concat(kept) : null,
    contentType,
  };
}

interface CompletionJson {
  model?: string;
  choices?: {
    message?: {
      content?: string | null;
      tool_calls?: { id: string; function: { name: string; arguments: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: OpenAiUsageJson;
}

/** The span's view of a non-streamed answer (a chat completion or an embedding list). */
function summarizeJson(body: Buffer): Pick<PassThroughResult, 'output' | 'usage' | 'responseModel'> {
  try {
    const json = JSON.parse(body.toString('utf8')) as CompletionJson;
    const choice = json.choices?.[0];
    return {
      responseModel: json.model ?? null,
      usage: fromOpenAiUsage(json.usage),
      output: choice
        ? {
            content: choice.message?.content ?? null,
            toolCalls: (choice.message?.tool_calls ?? []).map((call) => ({
              id: call.id,
              name: call.function.name,
              arguments: call.function.arguments,
            })),
            finishReason: choice.finish_reason ?? null,
          }
        : null,
    };
  } catch {
    return { responseModel: null, usage: null, output: null };
  }
}
