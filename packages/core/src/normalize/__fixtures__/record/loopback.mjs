// Loopback servers used by the fixture recorders: an OTLP/HTTP collector that keeps every request
// body as sent, and a fake OpenAI API answering with responses shaped like the real service's.
// Everything listens on 127.0.0.1 with an ephemeral port; nothing leaves the machine.
import { createServer } from 'node:http';

function listen(server) {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Collects OTLP export requests: `requests` holds `{ path, contentType, body: Buffer }` in arrival order. */
export async function startCollector() {
  const requests = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    requests.push({ path: request.url, contentType, body });
    if (contentType.includes('json')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } else {
      // An empty ExportTraceServiceResponse is zero bytes in protobuf.
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    }
  });
  const url = await listen(server);
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

const weatherTool = { name: 'get_weather', arguments: '{"city":"Paris"}' };

function usage(promptTokens, completionTokens, cachedTokens) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A chat.completion: a tool call when tools are offered and no tool result came back yet, else text. */
function chatCompletion(request, sequence) {
  const messages = request.messages ?? [];
  const wantsTool = Array.isArray(request.tools) && request.tools.length > 0 && !messages.some((m) => m.role === 'tool');
  const message = wantsTool
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_Vx1oQ0CQ4R4b2u7dKgJ2sZ3p',
            type: 'function',
            function: weatherTool,
          },
        ],
        refusal: null,
        annotations: [],
      }
    : {
        role: 'assistant',
        content: 'It is 18°C and sunny in Paris right now.',
        refusal: null,
        annotations: [],
      };
  return {
    id: `chatcmpl-BzQ7kR2mN4pL8sT1vW3xY5zA6b${sequence}`,
    object: 'chat.completion',
    created: 1767225600 + sequence,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message, logprobs: null, finish_reason: wantsTool ? 'tool_calls' : 'stop' }],
    usage: wantsTool ? usage(1310, 17, 1152) : usage(1345, 14, 1280),
    service_tier: 'default',
    system_fingerprint: 'fp_560af6e559',
  };
}

/** The chat.completion.chunk sequence the streaming API sends for a text answer (tool calls are not streamed here). */
function streamChunks(completion, includeUsage) {
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk',
    created: completion.created,
    model: completion.model,
    service_tier: 'default',
    system_fingerprint: completion.system_fingerprint,
  };
  const choice = completion.choices[0];
  const text = choice.message.content ?? '';
  const pieces = text.match(/.{1,12}/gsu) ?? [];
  const chunks = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }] }];
  for (const piece of pieces) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }] });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: choice.finish_reason }] });
  if (includeUsage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

function embeddings(request) {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  return {
    object: 'list',
    data: inputs.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: [0.0023064255, -0.009327292, -0.0028842222, 0.021868367, -0.015399264, 0.0072346395],
    })),
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: 8 * inputs.length, total_tokens: 8 * inputs.length },
  };
}

/** A fake OpenAI API (`/v1/chat/completions`, `/v1/embeddings`); `requests` keeps the parsed bodies. */
export async function startFakeOpenAI() {
  const requests = [];
  const server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)).toString('utf8') || '{}');
    requests.push({ path: request.url, body });
    let answer;
    if (request.url?.endsWith('/chat/completions')) answer = chatCompletion(body, requests.length);
    else if (request.url?.endsWith('/embeddings')) answer = embeddings(body);
    if (!answer) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${request.url}`, type: 'invalid_request_error' } }));
      return;
    }
    if (body.stream === true && answer.object === 'chat.completion') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': `req_${requests.length}` });
      for (const chunk of streamChunks(answer, body.stream_options?.include_usage === true)) {
        response.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      response.end('data: [DONE]\n\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req_${requests.length}` });
    response.end(JSON.stringify(answer));
  });
  const url = await listen(server);
  return { url: `${url}/v1`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
