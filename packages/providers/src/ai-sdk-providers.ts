import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createVertex } from '@ai-sdk/google-vertex';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ModelProvider, RemoteProviderOptions } from './provider-contract.js';

/** OpenAI itself, through `@ai-sdk/openai` (chat completions API). */
export function createOpenAiProvider(options: RemoteProviderOptions): ModelProvider {
  const openai = createOpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    languageModel: (id) => openai.chat(id),
    embeddingModel: (id) => openai.embedding(id),
  };
}

/** Any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter, Groq...). */
export function createOpenAiCompatibleProvider(
  options: RemoteProviderOptions & { baseUrl: string },
): ModelProvider {
  const compatible = createOpenAICompatible({
    name: options.provider,
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
    includeUsage: true,
  });
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    languageModel: (id) => compatible.chatModel(id),
    embeddingModel: (id) => compatible.embeddingModel(id),
  };
}

/** Anthropic's Messages API through `@ai-sdk/anthropic`. */
export function createAnthropicProvider(options: RemoteProviderOptions): ModelProvider {
  const anthropic = createAnthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  return { specificationVersion: 'v1', provider: options.provider, languageModel: (id) => anthropic(id) };
}

/** Gemini through the Generative Language API (`@ai-sdk/google`). */
export function createGoogleProvider(options: RemoteProviderOptions): ModelProvider {
  const google = createGoogleGenerativeAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    languageModel: (id) => google(id),
    embeddingModel: (id) => google.embedding(id),
  };
}

/** Options of Vertex AI: Google Cloud project and region (application default credentials sign requests). */
export interface VertexProviderOptions extends RemoteProviderOptions {
  project?: string;
  location?: string;
}

/** Gemini on Vertex AI (`@ai-sdk/google-vertex`). */
export function createVertexProvider(options: VertexProviderOptions): ModelProvider {
  const vertex = createVertex({
    project: options.project,
    location: options.location,
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  return {
    specificationVersion: 'v1',
    provider: options.provider,
    languageModel: (id) => vertex(id),
    embeddingModel: (id) => vertex.embeddingModel(id),
  };
}
