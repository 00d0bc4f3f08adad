import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  model: string;
  body: Record<string, unknown>;
}

/**
 * A loopback OpenAI-compatible server (`POST /v1/chat/completions`) for the playground tests. It streams
 * each model's scripted answer word by word in OpenAI's SSE wire format (the shape of the gateway's
 * recorded fixture: a role chunk, content chunks, a finish chunk, a usage chunk with `choices: []`, then
 * `data: [DONE]`), and holds every stream after its first `heldAfter` words until `release()`, so a test
 * can watch partial text on screen before the answers finish.
 */
export async function startStreamingUpstream(options: {
  answers: Record<string, string>;
  usage: Record<string, { prompt: number; completion: number }>;
  heldAfter?: number;
}) {
  const requests: UpstreamRequest[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const model = String(body.model);
    requests.push({ model, body });
    const answer = options.answers[model];
    if (!request.url?.endsWith('/chat/completions') || answer === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { message: `no model ${model}`, type: 'invalid_request_error' } }),
      );
      return;
    }
    const usage = options.usage[model] ?? { prompt: 1, completion: 1 };
    const id = `chatcmpl-${model.replace(/\W/g, '')}`;
    const chunk = (
      delta: Record<string, unknown>,
      finish: string | null,
      extra: Record<string, unknown> = {},
    ) =>
      `data: ${JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created: 1750412360,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...extra,
      })}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(chunk({ role: 'assistant', content: '' }, null));
    const words = answer.split(/(?= )/);
    for (const [index, word] of words.entries()) {
      if (index === (options.heldAfter ?? 2)) await gate;
      response.write(chunk({ content: word }, null));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    response.write(chunk({}, 'stop'));
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (includeUsage) {
      response.write(
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created: 1750412360,
          model,
          choices: [],
          usage: {
            prompt_tokens: usage.prompt,
            completion_tokens: usage.completion,
            total_tokens: usage.prompt + usage.completion,
          },
        })}\n\n`,
      );
    }
    response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    /** Lets held streams finish; later requests stream straight through. */
    release: () => release(),
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
