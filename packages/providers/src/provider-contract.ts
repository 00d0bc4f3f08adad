import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';

/**
 * A source of models Sextant can call. Adapters wrap an AI SDK provider package or run models
 * in-process; every one hands out models that follow the AI SDK's language model specification (v3),
 * so callers (the gateway, experiments, judges) handle every provider the same way.
 */
export interface ModelProvider {
  readonly specificationVersion: 'v1';
  /** Provider id as in model ids: `openai`, `anthropic`, `google`, `local`... */
  readonly provider: string;
  /** The model the provider calls `upstreamId`. */
  languageModel(upstreamId: string): LanguageModelV3;
  /** Absent when the provider has no embedding models. */
  embeddingModel?(upstreamId: string): EmbeddingModelV3;
  /** Frees what the provider holds (loaded model weights, sockets). */
  close?(): Promise<void>;
}

/** Options every remote provider accepts; vendor-specific ones live in each adapter's own options. */
export interface RemoteProviderOptions {
  provider: string;
  apiKey?: string;
  /** API base URL with its version path; the vendor's default when absent. */
  baseUrl?: string;
  headers?: Record<string, string>;
  /** For tests and proxies; the global fetch when absent. */
  fetch?: typeof globalThis.fetch;
}
