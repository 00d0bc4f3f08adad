import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../ai-sdk-providers.js';
import type { Embedder } from './embedder.js';
import { createOfflineEmbedder } from './offline-embedder.js';
import { createProviderEmbedder } from './provider-embedder.js';

// A loopback OpenAI-compatible /embeddings endpoint whose vectors come from the real offline
// encoder, so the AI SDK client, the chunking and the ordering are exercised end to end.
let server: Server;
let baseUrl: string;
let offline: Embedder;
const requestSizes: number[] = [];

beforeAll(async () => {
  offline = await createOfflineEmbedder();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      requestSizes.push(input.length);
      const vectors = await offline.embed(input);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          object: 'list',
          model,
          data: vectors.map((vector, index) => ({
            object: 'embedding',
            index,
            embedding: Array.from(vector),
          })),
          usage: { prompt_tokens: input.length, total_tokens: input.length },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createProviderEmbedder', () => {
  it('embeds through an AI SDK embedding model, in order, learning the dimensions', async () => {
    const provider = createOpenAiCompatibleProvider({ provider: 'local-embed', baseUrl });
    const model = provider.embeddingModel?.('use-lite');
    if (!model) throw new Error('provider has no embedding models');
    const embedder = createProviderEmbedder(model, 'local-embed/use-lite');
    expect(embedder.dimensions).toBe(0);
    const texts = ['cancel my subscription', 'the API returns 500', 'cancel my subscription'];
    const vectors = await embedder.embed(texts);
    const direct = await offline.embed(texts);
    expect(embedder.dimensions).toBe(512);
    expect(vectors.map((vector) => Array.from(vector).slice(0, 4))).toEqual(
      direct.map((vector) => Array.from(vector).slice(0, 4)),
    );
  });

  it('splits large inputs by the model limit', async () => {
    const provider = createOpenAiCompatibleProvider({ provider: 'local-embed', baseUrl });
    const model = provider.embeddingModel?.('use-lite');
    if (!model) throw new Error('provider has no embedding models');
    const limited = { ...model, maxEmbeddingsPerCall: 4, doEmbed: model.doEmbed.bind(model) };
    requestSizes.length = 0;
    const vectors = await createProviderEmbedder(limited, 'limited').embed(
      Array.from({ length: 10 }, (_, i) => `question ${i}`),
    );
    expect(vectors).toHaveLength(10);
    expect(requestSizes).toEqual([4, 4, 2]);
  });
});
