import type { EmbeddingModelV3, EmbeddingModelV3CallOptions, EmbeddingModelV3Result } from '@ai-sdk/provider';
import type { Embedder } from '../embeddings/embedder.js';

/** The offline sentence encoder behind the AI SDK's embedding model specification, for the gateway. */
export class SentenceEncoderEmbeddingModel implements EmbeddingModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly maxEmbeddingsPerCall = 2048;
  readonly supportsParallelCalls = false;

  constructor(
    readonly provider: string,
    readonly modelId: string,
    private readonly embedder: () => Promise<Embedder>,
  ) {}

  async doEmbed(options: EmbeddingModelV3CallOptions): Promise<EmbeddingModelV3Result> {
    const embedder = await this.embedder();
    const vectors = await embedder.embed(options.values);
    const tokens = options.values.reduce((sum, value) => sum + value.trim().split(/\s+/).length, 0);
    return { embeddings: vectors.map((vector) => Array.from(vector)), usage: { tokens }, warnings: [] };
  }
}
