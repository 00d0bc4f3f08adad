import { SextantError, suggestName } from '@sextant/core';
import {
  bleu,
  contains,
  type Evaluator,
  equals,
  exactMatch,
  jsonValid,
  levenshtein,
  modelEvaluatorNames,
  rougeL,
  tokenF1,
} from '@sextant/core/evaluators';
import { createGatewayEvaluatorFactory } from '@sextant/server';
import type { ServerAccess } from './gateway-client.js';

// Reference-based evaluators a bake-off can use without settings, by name.
const referenceEvaluators: Record<string, () => Evaluator> = {
  'exact-match': exactMatch,
  'token-f1': tokenF1,
  'rouge-l': () => rougeL(),
  bleu: () => bleu(),
  levenshtein: () => levenshtein(),
  equals: () => equals(),
  contains: () => contains(),
  'json-valid': () => jsonValid(),
};

/** Names `--evaluators` accepts. */
export const bakeoffEvaluatorNames = [...Object.keys(referenceEvaluators), ...modelEvaluatorNames].sort();

export interface JudgeSettings {
  /** Judge model (id or alias) for model-based evaluators. */
  judge?: string;
  /** Rubric of `llm-judge`. */
  rubric?: string;
  /** Embedding model of the embedding evaluators; the offline sentence encoder when absent. */
  embedder?: string;
}

/**
 * Evaluators by name: reference-based ones need nothing; judges (`llm-judge`, `faithfulness`...) call
 * `--judge` through the gateway, embedding evaluators the offline encoder or `--embedder`.
 */
export async function createBakeoffEvaluators(
  names: readonly string[],
  access: ServerAccess,
  settings: JudgeSettings,
): Promise<Evaluator[]> {
  const modelBased = createGatewayEvaluatorFactory(access);
  return Promise.all(
    names.map(async (name) => {
      const reference = referenceEvaluators[name];
      if (reference) return reference();
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
