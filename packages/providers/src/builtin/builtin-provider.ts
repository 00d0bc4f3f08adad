import type { ModelCard } from '@sextant/core';
import type { Embedder } from '../embeddings/embedder.js';
import { createOfflineEmbedder } from '../embeddings/offline-embedder.js';
import type { ModelProvider } from '../provider-contract.js';
import { ExtractiveLanguageModel } from './extractive-language-model.js';
import { SentenceEncoderEmbeddingModel } from './sentence-encoder-embedding-model.js';

export const builtinProvider = 'sextant';
export const extractiveBaselineId = 'extractive-baseline';
export const sentenceEncoderId = 'use-lite-en';

/**
 * Models that ship inside Sextant and run in-process with no download and no key: the extractive
 * baseline answerer and the offline sentence encoder. They make every demo and test work offline.
 */
export function createBuiltinProvider(options: { embedder?: () => Promise<Embedder> } = {}): ModelProvider {
  const embedder = options.embedder ?? createOfflineEmbedder;
  return {
    specificationVersion: 'v1',
    provider: builtinProvider,
    languageModel(upstreamId) {
      if (upstreamId !== extractiveBaselineId) throw unknownModel(upstreamId);
      return new ExtractiveLanguageModel(builtinProvider, upstreamId, embedder);
    },
    embeddingModel(upstreamId) {
      if (upstreamId !== sentenceEncoderId) throw unknownModel(upstreamId);
      return new SentenceEncoderEmbeddingModel(builtinProvider, upstreamId, embedder);
    },
  };
}

const unknownModel = (upstreamId: string) =>
  new Error(
    `the built-in provider has no model '${upstreamId}'; it has ${extractiveBaselineId} and ${sentenceEncoderId}`,
  );

const builtinAccess: ModelCard['access'] = {
  protocol: 'builtin',
  baseUrl: null,
  credentialEnv: [],
  file: null,
  sha256: null,
  threads: null,
};
// Per million tokens, like every card; these models cost nothing to run.
const free = { input: 0, output: 0, cacheRead: null, cacheWrite: null };
const noCapabilities = { tools: false, structuredOutput: false, vision: false, reasoning: false };

/** Catalog cards of the built-in models, merged into the bundled catalog. */
export const builtinModelCards: ModelCard[] = [
  {
    id: `${builtinProvider}/${extractiveBaselineId}`,
    provider: builtinProvider,
    providerName: 'Sextant (built-in)',
    upstreamId: extractiveBaselineId,
    name: 'Extractive baseline (answers with the best-matching context sentence)',
    source: 'catalog',
    modalities: { input: ['text'], output: ['text'] },
    contextWindow: null,
    maxOutputTokens: null,
    pricing: free,
    capabilities: noCapabilities,
    openWeights: true,
    license: 'Apache-2.0',
    releaseDate: null,
    knowledgeCutoff: null,
    access: builtinAccess,
  },
  {
    id: `${builtinProvider}/${sentenceEncoderId}`,
    provider: builtinProvider,
    providerName: 'Sextant (built-in)',
    upstreamId: sentenceEncoderId,
    name: 'Universal Sentence Encoder lite (512-d, offline)',
    source: 'catalog',
    modalities: { input: ['text'], output: ['embedding'] },
    contextWindow: null,
    maxOutputTokens: null,
    pricing: free,
    capabilities: noCapabilities,
    openWeights: true,
    license: 'Apache-2.0',
    releaseDate: null,
    knowledgeCutoff: null,
    access: builtinAccess,
  },
];
