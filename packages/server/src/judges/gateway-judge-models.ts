import { type PromptDefinition, parsePromptReference, SextantError } from '@sextant/core';
import {
  createModelEvaluator,
  type Evaluator,
  type JudgeModel,
  type ModelEvaluatorDependencies,
} from '@sextant/core/evaluators';
import {
  createJudgeModel,
  createOpenAiCompatibleProvider,
  createProviderEmbedder,
  type Embedder,
} from '@sextant/providers';
import { offlineEmbedder } from './offline-embedder.js';

/** How evaluators reach models: Sextant's own OpenAI-compatible gateway, with a project's API key. */
export interface GatewayAccess {
  /** The server's base URL, e.g. `http://127.0.0.1:4318`. */
  url: string;
  apiKey: string;
  /** For tests and proxies. */
  fetch?: typeof globalThis.fetch;
}

function gatewayProvider(access: GatewayAccess) {
  return createOpenAiCompatibleProvider({
    provider: 'sextant-gateway',
    baseUrl: `${access.url.replace(/\/+$/, '')}/v1`,
    apiKey: access.apiKey,
    fetch: access.fetch,
  });
}

/**
 * A judge that calls `model` (a model id or alias) through the gateway, so every judge call is routed,
 * priced and traced like the application's own calls, and works for remote and GGUF models alike.
 * @example createGatewayJudgeModel({ url: server.url, apiKey }, 'openai/gpt-4o-mini')
 */
export function createGatewayJudgeModel(access: GatewayAccess, model: string): JudgeModel {
  return createJudgeModel(gatewayProvider(access).languageModel(model), { id: model });
}

/**
 * Builds model-based evaluators by name (`llm-judge`, `faithfulness`, `embedding-similarity`...) with
 * judges and embedding models called through the gateway. Embedding evaluators without an `embedder`
 * setting use the offline sentence encoder.
 * @example await createGatewayEvaluatorFactory(access)('llm-judge', { model: 'local/stories260k', rubric: '...' })
 */
export function createGatewayEvaluatorFactory(
  access: GatewayAccess,
): (name: string, settings: unknown) => Promise<Evaluator> {
  const dependencies: ModelEvaluatorDependencies = {
    judge: (model) => createGatewayJudgeModel(access, model),
    async embedder(model) {
      const embedder = model ? gatewayEmbedder(access, model) : await offlineEmbedder();
      return { id: embedder.id, embed: (texts) => embedder.embed(texts) };
    },
  };
  dependencies.prompt = (reference) => registryPrompt(access, reference);
  return (name, settings) => createModelEvaluator(name, settings, dependencies);
}

/** A prompt version from the registry by `NAME`, `NAME@LABEL` or `NAME@VERSION` (default label production). */
async function registryPrompt(access: GatewayAccess, reference: string): Promise<PromptDefinition> {
  const parsed = parsePromptReference(`prompt:${reference.replace(/^prompt:/, '')}`);
  if (!parsed.success) throw new SextantError('bad_request', parsed.error);
  const { name, selector } = parsed.value;
  const query =
    'version' in selector ? `version=${selector.version}` : `label=${encodeURIComponent(selector.label)}`;
  const fetcher = access.fetch ?? fetch;
  const response = await fetcher(
    `${access.url.replace(/\/+$/, '')}/api/prompts/${encodeURIComponent(name)}?${query}`,
    {
      headers: { authorization: `Bearer ${access.apiKey}` },
    },
  );
  const body = (await response.json().catch(() => null)) as {
    definition?: PromptDefinition;
    error?: { message?: string };
  } | null;
  if (!response.ok || !body?.definition) {
    throw new SextantError(
      response.status === 404 ? 'not_found' : 'bad_request',
      `judge prompt '${reference}': ${body?.error?.message ?? `HTTP ${response.status}`}`,
    );
  }
  return body.definition;
}

function gatewayEmbedder(access: GatewayAccess, model: string): Embedder {
  const embeddingModel = gatewayProvider(access).embeddingModel?.(model);
  if (!embeddingModel) throw new SextantError('internal', 'the gateway provider has no embedding models');
  return createProviderEmbedder(embeddingModel, model);
}
