import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.js';
import { embeddingSimilarity } from './embedding-similarity.js';
import { answerRelevanceEmbedding } from './rag/answer-relevance.js';
import { runEvaluator } from './run-evaluator.js';

// A bag-of-letters embedding: enough to test the evaluator's arithmetic and plumbing. The offline
// sentence encoder is exercised in @sextant/providers.
const letters = async (texts: string[]) =>
  texts.map((text) => {
    const vector = new Float32Array(26);
    for (const character of text.toLowerCase()) {
      const code = character.charCodeAt(0) - 97;
      if (code >= 0 && code < 26) vector[code]! += 1;
    }
    return vector;
  });

describe('embedding similarity', () => {
  it('computes cosine similarity', () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBe(-1);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/1 and 2 dimensions/);
  });

  it('scores the closest reference and sets passed from the threshold', async () => {
    const evaluator = embeddingSimilarity({ embed: letters, embedderId: 'test/letters', threshold: 0.99 });
    expect(evaluator.version).toBe('1+test/letters');
    const result = await runEvaluator(evaluator, { output: 'abc', expected: ['xyz', 'cba'] });
    expect(result).toMatchObject({
      success: true,
      value: {
        passed: true,
        details: { bestReference: 1 },
        explanation: 'cosine similarity 1.000 with the closest of 2 references',
      },
    });
    expect(result.success && result.value.score).toBeCloseTo(1, 6);
  });

  it('clamps negative cosines to 0, checks the embedder and compares with the input for answer relevance', async () => {
    const opposite = async (texts: string[]) => texts.map((_, index) => (index === 0 ? [1, 0] : [-1, 0]));
    const negative = await runEvaluator(embeddingSimilarity({ embed: opposite, embedderId: 'x' }), {
      output: 'a',
      expected: 'b',
    });
    expect(negative).toMatchObject({ success: true, value: { score: 0, details: { cosine: -1 } } });
    const short = async () => [[1, 0]];
    const broken = await runEvaluator(embeddingSimilarity({ embed: short, embedderId: 'x' }), {
      output: 'a',
      expected: 'b',
    });
    expect(broken).toMatchObject({ success: false, error: { code: 'evaluator_error' } });
    expect(!broken.success && broken.error.message).toMatch(/returned 1 embeddings for 2 texts/);
    const relevance = answerRelevanceEmbedding({ embed: letters, embedderId: 'test/letters' });
    expect(relevance.name).toBe('answer-relevance-embedding');
    expect(await runEvaluator(relevance, { output: 'a' })).toMatchObject({
      success: false,
      error: { code: 'invalid_input' },
    });
    expect(await runEvaluator(relevance, { input: 'abc', output: 'abc' })).toMatchObject({ success: true });
  });
});
