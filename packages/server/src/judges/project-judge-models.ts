import { SextantError } from '@sextant/core';
import {
  createModelEvaluator,
  type Evaluator,
  type JudgeModel,
  type ModelEvaluatorDependencies,
} from '@sextant/core/evaluators';
import { createJudgeModel, createProviderEmbedder } from '@sextant/providers';
import type { ProviderPool } from '../gateway/provider-pool.js';
import { type RouteTarget, resolveRoute } from '../gateway/resolve-route.js';
import type { ModelRegistry } from '../services/model-registry.js';
import type { PromptService } from '../services/prompt-service.js';
import { offlineEmbedder } from './offline-embedder.js';

/** A project's configured models, reached in-process: what server jobs (online evaluation) judge with. */
export interface ProjectModelAccess {
  registry: ModelRegistry;
  providers: ProviderPool;
  /** Where catalog models find their API keys when none is stored; the server's environment by default. */
  environment?: NodeJS.ProcessEnv;
  /** The prompt registry, for judges whose prompt is a stored version. */
  prompts?: Pick<PromptService, 'resolvePromptReference'>;
}

// Only the route's targets are used; timeouts and retries are the caller's.
const defaults = { timeoutMs: 120_000, maxRetries: 0, cacheTtlSeconds: 0 };

/** The first callable model a name (id or alias) resolves to in the project, or the reason none is. */
async function callableTarget(
  access: ProjectModelAccess,
  projectId: string,
  model: string,
): Promise<RouteTarget> {
  const view = await access.registry.view(projectId);
  let route: ReturnType<typeof resolveRoute>;
  try {
    route = resolveRoute(view, model, defaults, access.environment ?? process.env);
  } catch (error) {
    // An unknown model is a setting to fix, not a failure of the evaluator.
    throw new SextantError('bad_request', `judge model: ${(error as Error).message}`);
  }
  const target = route.targets.find((candidate) => candidate.problem === null);
  if (!target) {
    throw new SextantError(
      'bad_request',
      route.targets[0]?.problem?.message ?? `model '${model}' cannot be called`,
    );
  }
  return target;
}

/**
 * A judge calling `model` of the project directly through its provider (no HTTP, no API key): for jobs
 * inside the server. The model is resolved on each call, so credential and alias changes apply at once.
 * Unlike the gateway judge, its calls are not stored as spans.
 */
export function createProjectJudgeModel(
  access: ProjectModelAccess,
  projectId: string,
  model: string,
): JudgeModel {
  return {
    id: model,
    async generate(messages) {
      const target = await callableTarget(access, projectId, model);
      const languageModel = access.providers
        .get(target.card, target.apiKey)
        .languageModel(target.card.upstreamId);
      return createJudgeModel(languageModel, { id: model }).generate(messages);
    },
  };
}

/**
 * Builds model-based evaluators by name for one project, with judges and embedding models from the
 * project's configured models, in-process; embedding evaluators without an `embedder` setting use the
 * offline sentence encoder. The online-evaluation job can use it as its evaluator factory.
 * @example await createProjectEvaluatorFactory({ registry, providers }, 'default')('faithfulness', { model: 'openai/gpt-4o-mini' })
 */
export function createProjectEvaluatorFactory(
  access: ProjectModelAccess,
  projectId: string,
): (name: string, settings: unknown) => Promise<Evaluator> {
  const dependencies: ModelEvaluatorDependencies = {
    judge: (model) => createProjectJudgeModel(access, projectId, model),
    async embedder(model) {
      if (!model) {
        const embedder = await offlineEmbedder();
        return { id: embedder.id, embed: (texts) => embedder.embed(texts) };
      }
      const target = await callableTarget(access, projectId, model);
      const embeddingModel = access.providers
        .get(target.card, target.apiKey)
        .embeddingModel?.(target.card.upstreamId);
      if (!embeddingModel) throw new SextantError('bad_request', `${target.card.id} has no embedding model`);
      const embedder = createProviderEmbedder(embeddingModel, model);
      return { id: embedder.id, embed: (texts) => embedder.embed(texts) };
    },
  };
  const prompts = access.prompts;
  if (prompts) {
    dependencies.prompt = async (reference) =>
      (await prompts.resolvePromptReference(projectId, `prompt:${reference.replace(/^prompt:/, '')}`)).record
        .definition;
  }
  return (name, settings) => createModelEvaluator(name, settings, dependencies);
}
