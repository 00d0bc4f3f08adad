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
import { type Evaluator, modelEvaluatorNames } from '@sextant/core/evaluators';
import type { Store } from '@sextant/store';

/** Builds an evaluator from a rule's `{ name, settings }`; throws a SextantError on bad settings. */
export type EvaluatorFactory = (name: string, settings: unknown) => Promise<Evaluator>;

/**
 * The evaluators online rules can use: those that need no model. Model-based ones (judges, embeddings)
 * need a way to reach models from a background job, which the server does not wire yet.
 */
export const onlineEvaluatorFactory: EvaluatorFactory = async (name, settings) => {
  if (!(deterministicEvaluatorNames as string[]).includes(name)) {
    const known = deterministicEvaluatorNames.join(', ');
    if ((modelEvaluatorNames as string[]).includes(name)) {
      throw new SextantError(
        'bad_request',
        `online rules cannot use '${name}' yet: it needs a model, and background jobs have no model access; use one of ${known}`,
      );
    }
    const close = suggestName(name, deterministicEvaluatorNames);
    throw new SextantError(
      'bad_request',
      `unknown evaluator '${name}'${close ? ` (did you mean '${close}'?)` : ''}; online rules can use ${known}`,
    );
  }
  return createDeterministicEvaluator(name, settings);
};

/** Online evaluation rules: validated on the way in, so a stored rule always builds its evaluators. */
export class OnlineEvalService {
  constructor(
    private readonly store: Store,
    private readonly createEvaluator: EvaluatorFactory = onlineEvaluatorFactory,
  ) {}

  async create(projectId: string, input: OnlineEvalRuleInput): Promise<OnlineEvalRule> {
    const definition = onlineEvalRuleInputSchema.parse(input);
    await this.checkEvaluators(definition.evaluators);
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
    await this.checkEvaluators(definition.evaluators);
    const updated = await this.store.onlineEvals.updateRule(projectId, current.id, definition);
    if (!updated)
      throw new SextantError('not_found', `online evaluation rule '${idOrName}' was deleted meanwhile`);
    return updated;
  }

  async delete(projectId: string, idOrName: string): Promise<void> {
    const rule = await this.get(projectId, idOrName);
    await this.store.onlineEvals.deleteRule(projectId, rule.id);
  }

  private async checkEvaluators(evaluators: readonly { name: string; settings: unknown }[]) {
    const built = await Promise.all(
      evaluators.map((entry) => this.createEvaluator(entry.name, entry.settings)),
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
