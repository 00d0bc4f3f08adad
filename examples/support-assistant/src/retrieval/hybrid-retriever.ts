import { cosineSimilarity } from '@sextant/core/evaluators';
import type { Chunk } from '../corpus/chunk-markdown.js';
import { Bm25Index } from './bm25.js';

export type EmbedTexts = (texts: string[]) => Promise<number[][]>;

export interface RetrievedChunk extends Chunk {
  /** Reciprocal-rank-fusion score: higher is better. */
  score: number;
}

/** Rank-fusion constant from Cormack et al. (2009): damps the weight of the very first ranks. */
const fusionK = 60;

/**
 * Hybrid retrieval: BM25 for exact terms (command names, flags) and sentence embeddings for meaning,
 * fused by reciprocal rank so neither score scale dominates.
 */
export class HybridRetriever {
  private constructor(
    private readonly chunks: readonly Chunk[],
    private readonly lexical: Bm25Index,
    private readonly vectors: number[][],
    private readonly embed: EmbedTexts,
  ) {}

  /** Embeds every chunk once, up front. */
  static async create(chunks: readonly Chunk[], embed: EmbedTexts): Promise<HybridRetriever> {
    const texts = chunks.map((chunk) => `${chunk.title}\n${chunk.text}`);
    return new HybridRetriever(chunks, new Bm25Index(texts), await embed(texts), embed);
  }

  async retrieve(question: string, topK: number): Promise<RetrievedChunk[]> {
    const [questionVector = []] = await this.embed([question]);
    const lexicalRanks = ranks(this.lexical.score(question));
    const semanticRanks = ranks(this.vectors.map((vector) => cosineSimilarity(questionVector, vector)));
    return this.chunks
      .map((chunk, index) => ({
        ...chunk,
        score: 1 / (fusionK + (lexicalRanks[index] ?? 0)) + 1 / (fusionK + (semanticRanks[index] ?? 0)),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
  }
}

/** 1-based rank of each score, best first. */
function ranks(scores: readonly number[]): number[] {
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
  const result: number[] = new Array(scores.length);
  order.forEach(({ index }, rank) => {
    result[index] = rank + 1;
  });
  return result;
}
