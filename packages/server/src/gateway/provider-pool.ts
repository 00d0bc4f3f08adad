import { createHash } from 'node:crypto';
import type { ModelCard } from '@sextant/core';
import {
  createAnthropicProvider,
  createBuiltinProvider,
  createGgufProvider,
  createGoogleProvider,
  createOpenAiCompatibleProvider,
  createVertexProvider,
  type ModelProvider,
} from '@sextant/providers';
import { GatewayError } from './gateway-error.js';

type Factory = (card: ModelCard, apiKey: string | null) => ModelProvider;

const remote = (card: ModelCard, apiKey: string | null) => ({
  provider: card.provider,
  apiKey: apiKey ?? undefined,
  baseUrl: card.access.baseUrl ?? undefined,
});

/** One adapter per protocol the AI SDK translates (OpenAI-compatible calls are forwarded, not translated). */
const factories: Record<string, Factory> = {
  openai: (card, apiKey) =>
    createOpenAiCompatibleProvider({
      ...remote(card, apiKey),
      baseUrl: card.access.baseUrl ?? 'https://api.openai.com/v1',
    }),
  anthropic: (card, apiKey) => createAnthropicProvider(remote(card, apiKey)),
  google: (card, apiKey) => createGoogleProvider(remote(card, apiKey)),
  'google-vertex': (card) => createVertexProvider(remote(card, null)),
  builtin: () => createBuiltinProvider(),
  gguf: (card) => {
    if (!card.access.file) {
      throw new GatewayError(400, 'invalid_request_error', `${card.id} has no GGUF file`, {
        code: 'unsupported_model',
      });
    }
    return createGgufProvider({
      provider: card.provider,
      file: card.access.file,
      sha256: card.access.sha256,
      threads: card.access.threads ?? 1,
      contextSize: card.contextWindow ?? undefined,
    });
  },
};

/**
 * Provider adapters, created once per (protocol, endpoint, credential) and reused: GGUF providers hold
 * loaded weights, remote ones hold connection pools.
 */
export class ProviderPool {
  private readonly providers = new Map<string, ModelProvider>();

  get(card: ModelCard, apiKey: string | null): ModelProvider {
    const credential = apiKey ? createHash('sha256').update(apiKey).digest('hex').slice(0, 16) : '';
    const key = [
      card.access.protocol,
      card.provider,
      card.access.baseUrl,
      card.access.file,
      card.access.threads,
      credential,
    ].join('|');
    let provider = this.providers.get(key);
    if (!provider) {
      const factory = factories[card.access.protocol];
      if (!factory) {
        throw new GatewayError(400, 'invalid_request_error', `${card.id} cannot be called`, {
          code: 'unsupported_model',
        });
      }
      provider = factory(card, apiKey);
      this.providers.set(key, provider);
    }
    return provider;
  }

  async close(): Promise<void> {
    const providers = [...this.providers.values()];
    this.providers.clear();
    await Promise.all(providers.map((provider) => provider.close?.()));
  }
}
