/**
 * A text embedder: maps texts to fixed-size vectors. `id` names the model and version so stored
 * embeddings from different encoders are never mixed.
 */
export interface Embedder {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly dimensions: number;
  /** One vector per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
