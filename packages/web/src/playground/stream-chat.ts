import type { PromptMessage } from '../api/registry-types';

/** Token usage as the OpenAI format reports it in the last chunk (with `stream_options.include_usage`). */
export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface StreamedChat {
  text: string;
  usage: ChatUsage | null;
  finishReason: string | null;
  /** Milliseconds from sending the request to the first text, and to the end of the stream. */
  firstTokenMs: number | null;
  latencyMs: number;
}

export interface ChatRequest {
  /** A model id or alias; or a prompt reference (`prompt:NAME@VERSION`) the gateway renders itself. */
  model: string;
  /** Sent after a prompt reference's own messages; left out when empty. */
  messages: PromptMessage[];
  parameters: Record<string, unknown>;
  /** A prompt reference's variables. */
  variables?: Record<string, unknown>;
}

/**
 * Calls the gateway's `POST /v1/chat/completions` with `stream: true` and reports text as it arrives.
 * Parses server-sent events of the OpenAI format (`data: {chunk}` separated by blank lines, ending with
 * `data: [DONE]`); an error answer, or an error event mid-stream, rejects with the gateway's message.
 */
export async function streamChat(
  request: ChatRequest,
  options: {
    apiKey: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    onText: (delta: string) => void;
  },
): Promise<StreamedChat> {
  const started = performance.now();
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      'content-type': 'application/json',
      ...options.headers,
    },
    body: JSON.stringify({
      ...request.parameters,
      model: request.model,
      ...(request.messages.length > 0 ? { messages: request.messages } : {}),
      ...(request.variables ? { variables: request.variables } : {}),
      stream: true,
      stream_options: { include_usage: true },
    }),
    signal: options.signal,
  });
  const result: StreamedChat = {
    text: '',
    usage: null,
    finishReason: null,
    firstTokenMs: null,
    latencyMs: 0,
  };
  const take = (chunk: ChatChunk) => {
    if (chunk.error) throw new Error(chunk.error.message ?? 'the gateway reported an error mid-stream');
    const choice = chunk.choices?.[0];
    const delta = choice?.delta?.content ?? choice?.message?.content ?? '';
    if (delta) {
      result.firstTokenMs ??= performance.now() - started;
      result.text += delta;
      options.onText(delta);
    }
    if (choice?.finish_reason) result.finishReason = choice.finish_reason;
    if (chunk.usage) {
      result.usage = {
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
      };
    }
  };
  if (!response.ok) throw new Error(await errorMessage(response));
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    take((await response.json()) as ChatChunk); // a cached or non-streaming answer arrives whole
  } else if (response.body) {
    for await (const data of serverSentData(response.body)) {
      if (data === '[DONE]') break;
      take(JSON.parse(data) as ChatChunk);
    }
  }
  result.latencyMs = performance.now() - started;
  return result;
}

interface ChatChunk {
  choices?: {
    delta?: { content?: string | null };
    message?: { content?: string | null };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/** The `data:` payloads of a server-sent event stream, one per event, as they arrive. */
export async function* serverSentData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary = /\r?\n\r?\n/.exec(buffer);
      while (boundary) {
        const event = buffer.slice(0, boundary.index);
        buffer = buffer.slice(boundary.index + boundary[0].length);
        const data = dataOf(event);
        if (data !== null) yield data;
        boundary = /\r?\n\r?\n/.exec(buffer);
      }
    }
    const data = dataOf(buffer);
    if (data !== null) yield data;
  } finally {
    reader.releaseLock();
  }
}

/** Joins an event's `data:` lines; comments (`:`) and other fields are ignored. */
function dataOf(event: string): string | null {
  const lines = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
  return lines.length > 0 ? lines.join('\n') : null;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through to the status
  }
  return `HTTP ${response.status}: ${text.slice(0, 200) || response.statusText}`;
}
