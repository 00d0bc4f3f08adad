// A loopback OpenAI-compatible upstream for bench/gateway: answers /v1/chat/completions with a fixed
// completion (JSON) or a 16-event SSE stream, as fast as Node can, and prints its port.
import http from 'node:http';

const completion = JSON.stringify({
  id: 'chatcmpl-BkQ2vYd1rE9mX6tq3uZ8pL0aNf4Ws',
  object: 'chat.completion',
  created: 1750412345,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Refunds are issued to the original payment method within 5 business days of approval.',
        refusal: null,
      },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 },
  system_fingerprint: 'fp_34a54ae93c',
});

const chunk = (delta, finish = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-BkQ3AhTq7Wc2nR5yV1xK9eLm0Zs8D',
    object: 'chat.completion.chunk',
    created: 1750412360,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  })}\n\n`;
const words = 'Refunds are issued to the original payment method within 5 business days of approval .'.split(
  ' ',
);
const events = [
  chunk({ role: 'assistant', content: '' }),
  ...words.map((word) => chunk({ content: ` ${word}` })),
  chunk({}, 'stop'),
];
const usageEvent = `data: ${JSON.stringify({ id: 'chatcmpl-BkQ3AhTq7Wc2nR5yV1xK9eLm0Zs8D', object: 'chat.completion.chunk', created: 1750412360, model: 'gpt-4o-mini-2024-07-18', choices: [], usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 } })}\n\n`;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (data) => chunks.push(data));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (!body.stream) {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(completion),
      });
      response.end(completion);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const all = [...events, ...(body.stream_options?.include_usage ? [usageEvent] : []), 'data: [DONE]\n\n'];
    let index = 0;
    const next = () => {
      if (index >= all.length) return response.end();
      response.write(all[index++]);
      setImmediate(next);
    };
    next();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
