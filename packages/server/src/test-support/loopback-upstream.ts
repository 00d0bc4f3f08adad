import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../gateway/__fixtures__');
export const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A scripted answer for the next request(s): an error status with a body, or silence. */
type Scripted = { status: number; body: string } | 'hang';

/**
 * A loopback server that answers like OpenAI (`/v1/chat/completions`, `/v1/embeddings`), Anthropic
 * (`/v1/messages`) and Gemini (`/v1beta/models/{model}:generateContent` and `:streamGenerateContent`)
 * by replaying the fixtures, and records what it received.
 */
export async function startLoopbackUpstream() {
  const requests: RecordedRequest[] = [];
  const script: Scripted[] = [];
  const hanging = new Set<http.ServerResponse>();
  let toolCalls = false;
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const url = request.url ?? '';
    requests.push({ path: url, headers: request.headers, body });
    const next = script.shift();
    if (next === 'hang') {
      hanging.add(response);
      return;
    }
    if (next) return send(response, next.status, 'application/json', next.body);
    if (url.endsWith('/chat/completions')) {
      if (toolCalls) return send(response, 200, 'application/json', fixture('openai-tool-call.json'));
      if (!body.stream)
        return send(response, 200, 'application/json', fixture('openai-chat-completion.json'));
      const usage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
      const events = fixture('openai-chat-completion-stream.sse').split('\n\n').filter(Boolean);
      return sendEvents(
        response,
        events.filter((event) => usage || !event.includes('"choices":[]')).map((event) => `${event}\n\n`),
      );
    }
    if (url.endsWith('/embeddings')) {
      const json = JSON.parse(fixture('openai-embeddings.json')) as {
        data: { embedding: number[] | string }[];
      };
      if (body.encoding_format === 'base64') {
        for (const item of json.data) {
          item.embedding = Buffer.from(new Float32Array(item.embedding as number[]).buffer).toString(
            'base64',
          );
        }
      }
      return send(response, 200, 'application/json', JSON.stringify(json));
    }
    if (url.endsWith('/messages')) {
      if (toolCalls) return send(response, 200, 'application/json', fixture('anthropic-tool-use.json'));
      if (!body.stream) return send(response, 200, 'application/json', fixture('anthropic-message.json'));
      return sendEvents(response, fixture('anthropic-message-stream.sse').split(/(?<=\n\n)/));
    }
    if (url.includes(':streamGenerateContent')) {
      return sendEvents(response, fixture('gemini-stream-generate-content.sse').split(/(?<=\r\n\r\n)/));
    }
    if (url.includes(':generateContent')) {
      return send(response, 200, 'application/json', fixture('gemini-generate-content.json'));
    }
    send(response, 404, 'application/json', JSON.stringify({ error: { message: `no route ${url}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Answers the next request(s) with these, in order, before replaying fixtures again. */
    script(...answers: Scripted[]) {
      script.push(...answers);
    },
    /** Answer chat calls with a tool call instead of text. */
    set toolCalls(value: boolean) {
      toolCalls = value;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type LoopbackUpstream = Awaited<ReturnType<typeof startLoopbackUpstream>>;

function send(response: http.ServerResponse, status: number, contentType: string, body: string) {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Streams events one write each, as vendors do, so clients see real chunking. */
function sendEvents(response: http.ServerResponse, events: string[]) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let index = 0;
  const next = () => {
    if (index >= events.length) return response.end();
    response.write(events[index++]);
    setImmediate(next);
  };
  next();
}
