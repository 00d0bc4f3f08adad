import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogIfEmpty } from '../services/model-catalog-seed.js';
import { type LiveServer, startLiveServer } from '../test-support/live-server.js';

let live: LiveServer;
let client: OpenAI;

beforeAll(async () => {
  live = await startLiveServer();
  await seedCatalogIfEmpty(live.store);
  client = new OpenAI({ apiKey: live.keyA, baseURL: `${live.url}/v1`, maxRetries: 0 });
});
afterAll(async () => live.stop());

describe('gateway: built-in models, offline and traced', () => {
  it('answers chat calls with the extractive baseline and records a free, costed model span', async () => {
    const traceId = 'a1'.repeat(16);
    const completion = await client.chat.completions.create(
      {
        model: 'sextant/extractive-baseline',
        messages: [
          {
            role: 'system',
            content:
              'Context:\nThe gateway listens on port 4318 beside the API.\nPrompts are versioned and labels move between versions.',
          },
          { role: 'user', content: 'Question: Which port does the gateway listen on?' },
        ],
      },
      { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } },
    );
    expect(completion.choices[0]?.message.content).toBe('The gateway listens on port 4318 beside the API.');
    let spans = (await live.store.getTrace('alpha', traceId))?.spans ?? [];
    for (let attempt = 0; attempt < 100 && spans.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      spans = (await live.store.getTrace('alpha', traceId))?.spans ?? [];
    }
    expect(spans[0]).toMatchObject({
      kind: 'llm',
      model: 'extractive-baseline',
      provider: 'sextant',
      cost: 0,
    });
  }, 60_000);

  it('embeds through the offline sentence encoder', async () => {
    const result = await client.embeddings.create({
      model: 'sextant/use-lite-en',
      input: ['reset my password', 'I forgot my login'],
    });
    expect(result.data.map((item) => item.embedding.length)).toEqual([512, 512]);
  }, 60_000);
});
