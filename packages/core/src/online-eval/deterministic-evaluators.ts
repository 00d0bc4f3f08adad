import { SextantError } from '../errors.js';
import {
  canScoreWithoutExpected,
  codeEvaluatorNames,
  createCodeEvaluator,
  expectedOutputSetting,
  needsExpectedOutput,
} from '../evaluators/code-evaluators.js';
import type { Evaluator } from '../evaluators/evaluator.js';

/**
 * The code evaluators an online rule can use: every one that can score an output without a dataset's
 * expected answer (some only when a setting gives the value to compare with). Production traces have none.
 */
export const deterministicEvaluatorNames = codeEvaluatorNames.filter(canScoreWithoutExpected);

/**
 * Builds a code evaluator for an online rule from its stored settings. Bad settings throw a SextantError
 * naming the field, and so does a rule that would compare with an expected answer it never has.
 * @example createDeterministicEvaluator('contains', { values: ['refund'], ignoreCase: true })
 */
export function createDeterministicEvaluator(evaluatorName: string, settings: unknown): Evaluator {
  // An unknown name gets the registry's own error (with the closest name); a known one that only
  // compares with an expected answer gets this one.
  if (!(codeEvaluatorNames as string[]).includes(evaluatorName))
    return createCodeEvaluator(evaluatorName, settings);
  if (!deterministicEvaluatorNames.includes(evaluatorName as never)) {
    throw new SextantError(
      'bad_request',
      `evaluator '${evaluatorName}' compares with a dataset's expected answer, which production traces do not have; online rules can use ${deterministicEvaluatorNames.join(', ')}`,
    );
  }
  const evaluator = createCodeEvaluator(evaluatorName, settings);
  const setting = expectedOutputSetting(evaluatorName);
  if (setting && needsExpectedOutput(evaluatorName, settings)) {
    throw new SextantError(
      'bad_request',
      `evaluator '${evaluatorName}' setting '${setting}': give what the output is compared with (production traces have no expected answer)`,
    );
  }
  return evaluator;
}
