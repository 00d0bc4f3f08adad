export type { Embedder } from './embedder.js';
export { createOfflineEmbedder, OFFLINE_EMBEDDER_ID } from './offline-embedder.js';
export { createProviderEmbedder } from './provider-embedder.js';
