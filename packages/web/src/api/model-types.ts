// Response shapes of the model garden API (/api/models, /api/providers, /api/model-aliases).

export type ModelSource = 'catalog' | 'endpoint' | 'gguf';
export type Capability = 'tools' | 'structuredOutput' | 'vision' | 'reasoning';
export const capabilities: readonly { key: Capability; label: string }[] = [
  { key: 'tools', label: 'Tools' },
  { key: 'structuredOutput', label: 'Structured output' },
  { key: 'vision', label: 'Vision' },
  { key: 'reasoning', label: 'Reasoning' },
];

/** US dollars per million tokens; null where the catalog does not say. */
export interface ModelPricing {
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
}

/** One model: from the bundled catalog, an OpenAI-compatible endpoint, or a GGUF file. `id` is provider/model. */
export interface ModelCard {
  id: string;
  provider: string;
  providerName: string;
  upstreamId: string;
  name: string;
  source: ModelSource;
  modalities: { input: string[]; output: string[] };
  contextWindow: number | null;
  maxOutputTokens: number | null;
  pricing: ModelPricing;
  capabilities: Record<Capability, boolean>;
  openWeights: boolean | null;
  license: string | null;
  releaseDate: string | null;
  knowledgeCutoff: string | null;
  access: {
    protocol: string;
    baseUrl: string | null;
    credentialEnv: string[];
    file: string | null;
    sha256: string | null;
    threads: number | null;
  };
}

export interface ModelList {
  models: ModelCard[];
  /** Models known to the project before filtering. */
  total: number;
}

/** Query parameters of GET /api/models; empty ones are left out. */
export interface ModelFilter {
  q?: string;
  provider?: string;
  maxInputPrice?: string;
  maxOutputPrice?: string;
  minContext?: string;
  /** Comma-separated capabilities that must all be present. */
  capability?: string;
  source?: string;
  openWeights?: string;
}

export type CredentialStatus = 'stored' | 'environment' | 'missing' | 'not-needed';

export interface ProviderStatus {
  provider: string;
  name: string;
  /** `none`: listed in the catalog, but the gateway cannot call it yet. */
  protocol: string;
  credentialEnv: string[];
  credential: CredentialStatus;
  models: number;
}

export interface ModelAlias {
  name: string;
  targets: string[];
  timeoutMs: number;
  maxRetries: number;
  cacheTtlSeconds: number;
}

export type AddModelRequest =
  | {
      type: 'endpoint';
      provider: string;
      baseUrl: string;
      models: string[];
      apiKeyEnv?: string;
      pricing?: { input?: number; output?: number };
      contextWindow?: number;
      capabilities?: Partial<Record<Capability, boolean>>;
    }
  | { type: 'gguf'; file: string; id?: string; name?: string; threads?: number };
