import { SextantError, suggestName } from '@sextant/core';
import {
  bleu,
  contains,
  type Evaluator,
  equals,
  exactMatch,
  jsonSchema,
  jsonValid,
  levenshtein,
  regex,
  rougeL,
  tokenF1,
} from '@sextant/core/evaluators';

// Evaluators that need no model, by the names a config file uses. Model-based evaluators (judges, RAG)
// need a judge model and are left to the experiments runner's registry.
// biome-ignore lint/suspicious/noExplicitAny: options are checked by each factory, which names bad values.
const factories: Record<string, (options: any) => Evaluator> = {
  equals,
  contains,
  'exact-match': exactMatch,
  regex,
  levenshtein,
  'json-valid': jsonValid,
  'json-schema': jsonSchema,
  'rouge-l': rougeL,
  bleu,
  'token-f1': tokenF1,
};

/** Names `sextant eval` accepts in a suite's `evaluators`. */
export const evaluatorNames = Object.keys(factories).sort();

/** Creates an evaluator from its registry name and options; unknown names get the list and a suggestion. */
export function createEvaluator(name: string, options: Record<string, unknown>): Evaluator {
  const factory = factories[name];
  if (!factory) {
    const close = suggestName(name, evaluatorNames);
    throw new SextantError(
      'bad_request',
      `unknown evaluator '${name}'${close ? ` (did you mean '${close}'?)` : ''}; evaluators: ${evaluatorNames.join(', ')}`,
    );
  }
  try {
    return factory(options);
  } catch (error) {
    throw new SextantError('bad_request', `evaluator '${name}': ${(error as Error).message}`);
  }
}
