import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import type { Embedder } from './embedder.js';

/**
 * Wraps an AI SDK embedding model (OpenAI, Google, an OpenAI-compatible server, ...) as an
 * Embedder. `dimensions` is learned from the first answer (0 until then). Calls respect the
 * model's per-call limit.
 *
 * @example
 * const embedder = createProviderEmbedder(openai.embedding('text-embedding-3-small'), 'openai/text-embedding-3-small');
 */
export function createProviderEmbedder(model: EmbeddingModelV3, id: string): Embedder {
  let dimensions = 0;
  return {
    specificationVersion: 'v1',
    id,
    get dimensions() {
      return dimensions;
    },
    async embed(texts) {
      const limit = (await model.maxEmbeddingsPerCall) ?? 2048;
      const chunkSize = Number.isFinite(limit) && limit > 0 ? limit : 2048;
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += chunkSize) {
        const values = texts.slice(start, start + chunkSize).map((text) => (text.length > 0 ? text : ' '));
        const result = await model.doEmbed({ values });
        if (result.embeddings.length !== values.length) {
          throw new Error(
            `embedding model '${id}' returned ${result.embeddings.length} vectors for ${values.length} texts`,
          );
        }
        for (const embedding of result.embeddings) vectors.push(Float32Array.from(embedding));
      }
      dimensions = vectors[0]?.length ?? dimensions;
      return vectors;
    },
  };
}
