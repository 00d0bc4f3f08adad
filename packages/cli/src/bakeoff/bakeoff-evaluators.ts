import { SextantError, suggestName } from '@sextant/core';
import {
  codeEvaluatorNames,
  codeEvaluatorSettings,
  createCodeEvaluator,
  type Evaluator,
  modelEvaluatorNames,
} from '@sextant/core/evaluators';
import { createGatewayEvaluatorFactory } from '@sextant/server';
import type { ServerAccess } from './gateway-client.js';

/** Code evaluators that work without settings (they compare with each item's expected answer). */
const settinglessCodeEvaluators: readonly string[] = codeEvaluatorNames.filter(
  (name) => codeEvaluatorSettings[name].safeParse({}).success,
);

/** Names `--evaluators` accepts: the code evaluators that need no settings, and the model-based ones. */
export const bakeoffEvaluatorNames = [...settinglessCodeEvaluators, ...modelEvaluatorNames].sort();

export interface JudgeSettings {
  /** Judge model (id or alias) for model-based evaluators. */
  judge?: string;
  /** Rubric of `llm-judge`. */
  rubric?: string;
  /** Embedding model of the embedding evaluators; the offline sentence encoder when absent. */
  embedder?: string;
}

/**
 * Evaluators by name: code evaluators with their defaults (compared with each item's expected answer);
 * judges (`llm-judge`, `faithfulness`...) call `--judge` through the gateway, embedding evaluators the
 * offline encoder or `--embedder`.
 */
export async function createBakeoffEvaluators(
  names: readonly string[],
  access: ServerAccess,
  settings: JudgeSettings,
): Promise<Evaluator[]> {
  const modelBased = createGatewayEvaluatorFactory(access);
  return Promise.all(
    names.map(async (name) => {
      if (settinglessCodeEvaluators.includes(name)) return createCodeEvaluator(name, {});
      if ((codeEvaluatorNames as readonly string[]).includes(name)) {
        throw new SextantError(
          'bad_request',
          `evaluator '${name}' needs settings, which --evaluators cannot give; use it in \`sextant experiments run --evaluator\` or an eval config`,
        );
      }
      if (!(modelEvaluatorNames as readonly string[]).includes(name)) {
        const close = suggestName(name, bakeoffEvaluatorNames);
        throw new SextantError(
          'bad_request',
          `unknown evaluator '${name}'${close ? ` (did you mean '${close}'?)` : ''}; evaluators: ${bakeoffEvaluatorNames.join(', ')}`,
        );
      }
      if (name.includes('embedding'))
        return modelBased(name, settings.embedder ? { embedder: settings.embedder } : {});
      if (!settings.judge) {
        throw new SextantError('bad_request', `evaluator '${name}' needs a judge model: pass --judge MODEL`);
      }
      if (name === 'llm-judge') {
        if (!settings.rubric)
          throw new SextantError('bad_request', "evaluator 'llm-judge' needs --rubric TEXT");
        return modelBased(name, { model: settings.judge, rubric: settings.rubric });
      }
      if (name === 'pairwise-judge') {
        throw new SextantError(
          'bad_request',
          "'pairwise-judge' compares two runs; use `sextant experiments compare` instead",
        );
      }
      return modelBased(name, { model: settings.judge });
    }),
  );
}
