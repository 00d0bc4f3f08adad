import { describe, expect, it } from 'vitest';
import { createOfflineEmbedder, OFFLINE_EMBEDDER_ID } from './offline-embedder.js';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    normA += (a[i] ?? 0) ** 2;
    normB += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(normA * normB);
}

describe('createOfflineEmbedder', () => {
  it('places paraphrases closer than unrelated questions', async () => {
    const embedder = await createOfflineEmbedder();
    const [reset, forgot, invoice] = await embedder.embed([
      'How do I reset my password?',
      'I forgot my login password, what should I do?',
      'Why was my credit card charged twice this month?',
    ]);
    expect(embedder.id).toBe(OFFLINE_EMBEDDER_ID);
    expect(reset).toHaveLength(512);
    if (!reset || !forgot || !invoice) throw new Error('missing vectors');
    expect(cosine(reset, forgot)).toBeGreaterThan(cosine(reset, invoice) + 0.1);
  });

  it('gives the same vector for the same text whatever the batch, and handles empty text', async () => {
    const embedder = await createOfflineEmbedder();
    const texts = [
      'export my data to CSV',
      '',
      'export my data to CSV',
      ...Array.from({ length: 70 }, (_, i) => `q ${i}`),
    ];
    const vectors = await embedder.embed(texts);
    const [alone] = await embedder.embed(['export my data to CSV']);
    expect(vectors).toHaveLength(texts.length);
    expect(Array.from(vectors[2] ?? [])).toEqual(Array.from(vectors[0] ?? []));
    expect(cosine(alone as Float32Array, vectors[0] as Float32Array)).toBeCloseTo(1, 5);
    expect(vectors[1]?.every(Number.isFinite)).toBe(true);
    expect(vectors[72]).toHaveLength(512);
  });
});
