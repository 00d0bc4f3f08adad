import { z } from 'zod';

/** Prices in US dollars per million tokens; null where the catalog does not say. */
export const modelPricingSchema = z.object({
  input: z.number().nonnegative().nullable(),
  output: z.number().nonnegative().nullable(),
  cacheRead: z.number().nonnegative().nullable(),
  cacheWrite: z.number().nonnegative().nullable(),
});
export type ModelPricing = z.infer<typeof modelPricingSchema>;

/**
 * The wire protocol Sextant speaks to reach a model. `openai` covers every OpenAI-compatible server
 * (OpenAI itself, Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter, Groq...), which the gateway
 * forwards byte for byte; the others are translated through the Vercel AI SDK or run in-process.
 * `builtin` models ship inside Sextant (the extractive baseline, the offline sentence encoder).
 */
export const modelProtocolSchema = z.enum([
  'openai',
  'anthropic',
  'google',
  'google-vertex',
  'gguf',
  'builtin',
  'none',
]);
export type ModelProtocol = z.infer<typeof modelProtocolSchema>;

export const modelAccessSchema = z.object({
  protocol: modelProtocolSchema,
  /** API base URL including its version path, e.g. `http://127.0.0.1:11434/v1`; null: the provider default. */
  baseUrl: z.string().nullable(),
  /** Environment variables that hold the credential, the API key first; empty when none is needed. */
  credentialEnv: z.array(z.string()),
  /** GGUF models: absolute path of the file. */
  file: z.string().nullable(),
  /** GGUF models: sha256 recorded when the model was added; the file is refused if it changes. */
  sha256: z.string().nullable(),
  /** GGUF models: CPU threads for inference (set explicitly: the library default is far slower on small machines). */
  threads: z.number().int().positive().nullable(),
});
export type ModelAccess = z.infer<typeof modelAccessSchema>;

export const modelCapabilitiesSchema = z.object({
  tools: z.boolean(),
  /** JSON-schema output, natively or through tool calling. */
  structuredOutput: z.boolean(),
  /** Accepts images as input. */
  vision: z.boolean(),
  reasoning: z.boolean(),
});
export type ModelCapabilities = z.infer<typeof modelCapabilitiesSchema>;

export const modelSourceSchema = z.enum(['catalog', 'endpoint', 'gguf']);
export type ModelSource = z.infer<typeof modelSourceSchema>;

/**
 * One model as Sextant knows it: from the bundled catalog snapshot, a user's OpenAI-compatible
 * endpoint, or a local GGUF file. `id` is `provider/upstreamId`, e.g. `openai/gpt-4o`.
 */
export const modelCardSchema = z.object({
  id: z.string().min(3),
  provider: z.string().min(1),
  providerName: z.string(),
  /** What the provider calls the model; sent upstream. */
  upstreamId: z.string().min(1),
  name: z.string(),
  source: modelSourceSchema,
  modalities: z.object({ input: z.array(z.string()), output: z.array(z.string()) }),
  contextWindow: z.number().int().positive().nullable(),
  maxOutputTokens: z.number().int().positive().nullable(),
  pricing: modelPricingSchema,
  capabilities: modelCapabilitiesSchema,
  openWeights: z.boolean().nullable(),
  license: z.string().nullable(),
  /** `YYYY-MM-DD` (or `YYYY-MM` when only the month is known). */
  releaseDate: z.string().nullable(),
  knowledgeCutoff: z.string().nullable(),
  access: modelAccessSchema,
});
export type ModelCard = z.infer<typeof modelCardSchema>;

/** Names of aliases; no `/`, so an alias never collides with a `provider/model` id. */
export const aliasNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'an alias is lowercase letters, digits, dot, dash or underscore');

/**
 * A user alias: a name clients send as `model`, resolved by the gateway to a chain of models tried in
 * order (fallbacks), each with the same timeout, retry and cache settings.
 */
export const modelAliasSchema = z.object({
  name: aliasNameSchema,
  /** Model ids tried in order: the first is preferred, the rest are fallbacks. */
  targets: z.array(z.string().min(3)).min(1).max(8),
  /** Per attempt, until the upstream answers (response headers, or the first streamed byte). */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /** Extra attempts per target on retryable errors (timeouts, 408, 429, 5xx, connection resets). */
  maxRetries: z.number().int().min(0).max(5).default(2),
  /** Exact-match response cache lifetime; 0 turns the cache off. */
  cacheTtlSeconds: z.number().int().min(0).max(604_800).default(0),
});
export type ModelAlias = z.infer<typeof modelAliasSchema>;
export type ModelAliasInput = z.input<typeof modelAliasSchema>;
