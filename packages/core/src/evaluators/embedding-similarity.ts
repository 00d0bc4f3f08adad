import { SextantError } from '../errors.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { evaluationText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from './evaluator.js';
import { withThreshold } from './evaluator.js';
import type { EmbedTexts } from './judge/judge-model.js';

export interface EmbeddingSimilarityOptions extends ThresholdOptions {
  /** Embeds texts: the offline sentence encoder or a provider's embedding model. */
  embed: EmbedTexts;
  /** The embedding model's id; it is part of the evaluator's version. */
  embedderId: string;
  /**
   * What the output is compared with: `expected` (default; the best of several references) or `input`
   * (answer relevance: does the answer talk about what was asked).
   */
  compareWith?: 'expected' | 'input';
}

/**
 * Cosine similarity of the output's and the reference's embeddings, clamped to [0, 1] (sentence
 * encoders rarely give opposite directions, and a negative cosine means unrelated here).
 * @example embeddingSimilarity({ embed: (texts) => embedder.embed(texts), embedderId: embedder.id, threshold: 0.8 })
 */
export function embeddingSimilarity(options: EmbeddingSimilarityOptions): Evaluator {
  const compareWith = options.compareWith ?? 'expected';
  const name =
    options.name ?? (compareWith === 'input' ? 'answer-relevance-embedding' : 'embedding-similarity');
  return {
    specificationVersion: 'v1',
    name,
    version: `1+${options.embedderId}`,
    description: `cosine similarity of the output's embedding and the ${compareWith === 'input' ? "input's" : "reference's"} (${options.embedderId})`,
    settings: { embedder: options.embedderId, compareWith, threshold: options.threshold },
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      const references =
        compareWith === 'input' ? [requireInput(input.input, name)] : referenceTexts(input.expected, name);
      const output = evaluationText(input.output);
      const vectors = await options.embed([output, ...references]);
      if (vectors.length !== references.length + 1) {
        throw new Error(
          `${options.embedderId} returned ${vectors.length} embeddings for ${references.length + 1} texts`,
        );
      }
      const [outputVector, ...referenceVectors] = vectors as [ArrayLike<number>, ...ArrayLike<number>[]];
      const similarities = referenceVectors.map((vector) => cosineSimilarity(outputVector, vector));
      const best = Math.max(...similarities);
      const bestIndex = similarities.indexOf(best);
      const score = Math.max(0, best);
      return withThreshold(
        {
          score,
          explanation: `cosine similarity ${best.toFixed(3)} with the ${compareWith === 'input' ? 'input' : references.length > 1 ? `closest of ${references.length} references` : 'reference'}`,
          details: { cosine: best, similarities, bestReference: bestIndex },
        },
        options.threshold,
      );
    },
  };
}

function requireInput(value: unknown, name: string): string {
  const text = evaluationText(value);
  if (!text.trim()) {
    throw new SextantError(
      'bad_request',
      `${name} compares the answer with the input, but this item has no input`,
    );
  }
  return text;
}
