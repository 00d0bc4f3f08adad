import type { Embedder } from '@sextant/providers/embeddings';
import type { Store } from '@sextant/store';
import type { DriftSample } from './drift-samples.js';

/** What embedding a side cost: vectors read back from the store vs computed now. */
export interface EmbeddingUsage {
  reused: number;
  computed: number;
  milliseconds: number;
}

const WRITE_BATCH = 500;

/**
 * Vectors of the samples, in order: stored ones are read back, the rest are embedded and stored
 * (keyed by trace, span, field and embedder) so the next report over the same spans skips the encoder.
 */
export async function embedSamples(
  store: Store,
  projectId: string,
  embedder: Embedder,
  field: 'input' | 'output',
  samples: readonly DriftSample[],
  signal?: AbortSignal,
): Promise<{ vectors: Float32Array[]; usage: EmbeddingUsage }> {
  const started = performance.now();
  const stored = await store.drift.getEmbeddings(projectId, embedder.id, field, samples);
  const byKey = new Map(stored.map((row) => [`${row.traceId}/${row.spanId}`, row.vector]));
  const missing = samples.filter((sample) => !byKey.has(`${sample.traceId}/${sample.spanId}`));
  for (let start = 0; start < missing.length; start += WRITE_BATCH) {
    if (signal?.aborted) throw new Error('drift check stopped: the server is shutting down');
    const batch = missing.slice(start, start + WRITE_BATCH);
    const vectors = await embedder.embed(batch.map((sample) => sample.text));
    const rows = batch.map((sample, index) => ({
      traceId: sample.traceId,
      spanId: sample.spanId,
      vector: vectors[index] as Float32Array,
    }));
    await store.drift.putEmbeddings(projectId, embedder.id, field, rows);
    for (const row of rows) byKey.set(`${row.traceId}/${row.spanId}`, row.vector);
  }
  return {
    vectors: samples.map((sample) => byKey.get(`${sample.traceId}/${sample.spanId}`) as Float32Array),
    usage: { reused: stored.length, computed: missing.length, milliseconds: performance.now() - started },
  };
}
