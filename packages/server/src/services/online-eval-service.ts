import { randomUUID } from 'node:crypto';
import {
  createDeterministicEvaluator,
  deterministicEvaluatorNames,
  type OnlineEvalRule,
  type OnlineEvalRuleInput,
  type OnlineEvalRulePatch,
  onlineEvalRuleInputSchema,
  onlineEvalRulePatchSchema,
  SextantError,
  suggestName,
} from '@sextant/core';
import { codeEvaluatorNames, type Evaluator, modelEvaluatorNames } from '@sextant/core/evaluators';
import type { Store } from '@sextant/store';
import { createProjectEvaluatorFactory, type ProjectModelAccess } from '../judges/project-judge-models.js';

/** Builds an evaluator from a rule's `{ name, settings }` for a project; throws a SextantError on bad settings. */
export type EvaluatorFactory = (name: string, settings: unknown, projectId: string) => Promise<Evaluator>;

/**
 * The evaluators online rules can use: every deterministic one, and with `models` (the server's model
 * registry and providers) the model-based ones too (judges, RAG, embeddings), which then call the
 * project's configured models in-process.
 */
export function onlineEvaluatorFactory(models?: ProjectModelAccess): EvaluatorFactory {
  return async (name, settings, projectId) => {
    // A code evaluator that needs an expected answer gets its own explanation from here.
    if ((codeEvaluatorNames as string[]).includes(name)) return createDeterministicEvaluator(name, settings);
    const known = [...deterministicEvaluatorNames, ...(models ? modelEvaluatorNames : [])].join(', ');
    if ((modelEvaluatorNames as string[]).includes(name)) {
      if (models) return createProjectEvaluatorFactory(models, projectId)(name, settings);
      throw new SextantError(
        'bad_request',
        `online rules cannot use '${name}' here: it needs a model, and this server has no model access; use one of ${known}`,
      );
    }
    const close = suggestName(name, known.split(', '));
    throw new SextantError(
      'bad_request',
      `unknown evaluator '${name}'${close ? ` (did you mean '${close}'?)` : ''}; online rules can use ${known}`,
    );
  };
}

/** Online evaluation rules: validated on the way in, so a stored rule always builds its evaluators. */
export class OnlineEvalService {
  constructor(
    private readonly store: Store,
    private readonly createEvaluator: EvaluatorFactory = onlineEvaluatorFactory(),
  ) {}

  async create(projectId: string, input: OnlineEvalRuleInput): Promise<OnlineEvalRule> {
    const definition = onlineEvalRuleInputSchema.parse(input);
    await this.checkEvaluators(projectId, definition.evaluators);
    return this.store.onlineEvals.createRule(projectId, { id: randomUUID(), ...definition });
  }

  list(projectId: string): Promise<OnlineEvalRule[]> {
    return this.store.onlineEvals.listRules(projectId);
  }

  async get(projectId: string, idOrName: string): Promise<OnlineEvalRule> {
    const rule =
      (await this.store.onlineEvals.getRule(projectId, idOrName)) ??
      (await this.list(projectId)).find((candidate) => candidate.name === idOrName);
    if (!rule) {
      throw new SextantError(
        'not_found',
        `project '${projectId}' has no online evaluation rule '${idOrName}'; list them with GET /api/online-evals/rules`,
      );
    }
    return rule;
  }

  async update(projectId: string, idOrName: string, patch: OnlineEvalRulePatch): Promise<OnlineEvalRule> {
    const current = await this.get(projectId, idOrName);
    const { target, ...changes } = onlineEvalRulePatchSchema.parse(patch);
    const definition = onlineEvalRuleInputSchema.parse({
      name: current.name,
      filter: changes.filter ?? current.filter,
      sampleRate: changes.sampleRate ?? current.sampleRate,
      evaluators: changes.evaluators ?? current.evaluators,
      target: target === null ? undefined : (target ?? current.target),
      enabled: changes.enabled ?? current.enabled,
    });
    await this.checkEvaluators(projectId, definition.evaluators);
    const updated = await this.store.onlineEvals.updateRule(projectId, current.id, definition);
    if (!updated)
      throw new SextantError('not_found', `online evaluation rule '${idOrName}' was deleted meanwhile`);
    return updated;
  }

  async delete(projectId: string, idOrName: string): Promise<void> {
    const rule = await this.get(projectId, idOrName);
    await this.store.onlineEvals.deleteRule(projectId, rule.id);
  }

  private async checkEvaluators(
    projectId: string,
    evaluators: readonly { name: string; settings: unknown }[],
  ) {
    const built = await Promise.all(
      evaluators.map((entry) => this.createEvaluator(entry.name, entry.settings, projectId)),
    );
    const names = built.map((evaluator) => evaluator.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated) {
      throw new SextantError(
        'bad_request',
        `two evaluators of the rule are named '${repeated}'; give one a distinct "name" setting (scores are named after evaluators)`,
      );
    }
  }
}
