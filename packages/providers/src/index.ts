export {
  createAnthropicProvider,
  createGoogleProvider,
  createOpenAiCompatibleProvider,
  createOpenAiProvider,
  createVertexProvider,
  type VertexProviderOptions,
} from './ai-sdk-providers.js';
export {
  builtinModelCards,
  builtinProvider,
  createBuiltinProvider,
  extractiveBaselineId,
  sentenceEncoderId,
} from './builtin/builtin-provider.js';
export { splitSentences } from './builtin/split-sentences.js';
export { bundledCatalogSource, loadBundledCatalog } from './catalog/bundled-catalog.js';
export { type NormalizedCatalog, normalizeCatalog } from './catalog/normalize-catalog.js';
export { countChatTokens, loadTokenCounter, type TokenCounter } from './count-tokens.js';
export {
  createOfflineEmbedder,
  createProviderEmbedder,
  type Embedder,
  OFFLINE_EMBEDDER_ID,
} from './embeddings/index.js';
export { createGgufProvider, type GgufProviderOptions } from './gguf/gguf-provider.js';
export { type GgufFileFacts, inspectGgufFile, sha256File } from './gguf/inspect-gguf-file.js';
export { createJudgeModel, type JudgeModelOptions } from './judge/create-judge-model.js';
export type { ModelProvider, RemoteProviderOptions } from './provider-contract.js';
