import { readFileSync } from 'node:fs';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { init, type SextantHandle } from './init.js';
import type { DecodedSpan } from './test-support/decode-otlp-traces.js';
import {
  type LoopbackServer,
  type OtlpReceiver,
  startLoopbackServer,
  startOtlpReceiver,
} from './test-support/loopback-server.js';
import { traced } from './traced.js';

const completion = readFileSync(
  new URL('./__fixtures__/openai-chat-completion.json', import.meta.url),
  'utf8',
);
const completionStream = readFileSync(
  new URL('./__fixtures__/openai-chat-completion-stream.txt', import.meta.url),
  'utf8',
);

let openai: LoopbackServer;
let receiver: OtlpReceiver;
let sextant: SextantHandle;

beforeEach(async () => {
  // An OpenAI-compatible server replaying recorded-shape responses, JSON or server-sent events.
  openai = await startLoopbackServer((request, response) => {
    const body = JSON.parse(request.body.toString('utf8')) as { stream?: boolean };
    if (body.stream) {
      response.writeHead(200, { 'content-type': 'text/event-stream' }).end(completionStream);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    }
  });
  receiver = await startOtlpReceiver();
  sextant = init({ endpoint: receiver.url, serviceName: 'ai-sdk-app' });
});

afterEach(async () => {
  await sextant.shutdown();
  await Promise.all([openai.close(), receiver.close()]);
});

function model() {
  return createOpenAI({ baseURL: `${openai.url}/v1`, apiKey: 'test' }).chat('gpt-4o-mini');
}

function find(spans: DecodedSpan[], name: string): DecodedSpan {
  const span = spans.find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no span '${name}' among ${spans.map((s) => s.name).join(', ')}`);
  return span;
}

describe('the Vercel AI SDK with experimental_telemetry, unchanged', () => {
  it('sends generateText spans to Sextant, nested under the traced step that called it', async () => {
    const answer = traced('answer', { kind: 'chain', sessionId: 'chat-42' }, async (question: string) => {
      const result = await generateText({
        model: model(),
        prompt: question,
        experimental_telemetry: { isEnabled: true },
      });
      return result.text;
    });

    const text = await answer('How long do refunds take?');
    expect(text).toBe(
      'Refunds are issued to the original payment method within 5 business days of approval.',
    );
    expect(openai.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);

    await sextant.flush();
    const spans = receiver.spans();
    const root = find(spans, 'answer');
    const generate = find(spans, 'ai.generateText');
    const doGenerate = find(spans, 'ai.generateText.doGenerate');
    expect(generate.parentSpanId).toBe(root.spanId);
    expect(doGenerate.parentSpanId).toBe(generate.spanId);
    expect(new Set([root, generate, doGenerate].map((span) => span.traceId)).size).toBe(1);
    expect(generate.scopeName).toBe('ai');
    expect(doGenerate.attributes).toMatchObject({
      'gen_ai.system': 'openai.chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': 'chatcmpl-BkQ2vYd1rE9mX6tq3uZ8pL0aNf4Ws',
      'gen_ai.usage.input_tokens': 42,
      'gen_ai.usage.output_tokens': 17,
      // The session set on the traced parent reaches the AI SDK's spans too.
      'sextant.session.id': 'chat-42',
    });
    expect(generate.attributes['ai.response.text']).toBe(text);
    expect(root.attributes['sextant.output']).toBe(JSON.stringify(text));
  });

  it('sends streamText spans once the stream is consumed', async () => {
    const answer = traced('stream-answer', { kind: 'chain' }, async (question: string) => {
      const result = streamText({
        model: model(),
        prompt: question,
        experimental_telemetry: { isEnabled: true },
      });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      return text;
    });

    expect(await answer('How long do refunds take?')).toBe('Refunds are issued within 5 business days.');

    await sextant.flush();
    const spans = receiver.spans();
    const root = find(spans, 'stream-answer');
    const stream = find(spans, 'ai.streamText');
    const doStream = find(spans, 'ai.streamText.doStream');
    expect(stream.parentSpanId).toBe(root.spanId);
    expect(doStream.parentSpanId).toBe(stream.spanId);
    expect(doStream.attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 42,
      'gen_ai.usage.output_tokens': 8,
    });
  });
});
