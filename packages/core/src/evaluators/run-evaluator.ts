import { SextantError } from '../errors.js';
import { fail, ok, type Result } from '../result.js';
import type { EvaluationInput, EvaluationResult, Evaluator } from './evaluator.js';
import { evaluationResultSchema } from './evaluator.js';
import { JudgeVerdictError } from './judge/parse-verdict.js';
import { selectTarget } from './select-target.js';

/** Why an evaluation produced no score; recorded apart from scores so it never counts as a 0. */
export interface EvaluationFailure {
  /**
   * `target_not_found`: the target selector matched nothing usable in the trace.
   * `invalid_input`: the evaluator cannot score this item (no reference, no spans...).
   * `invalid_result`: the evaluator returned a score that is not a finite number in its range.
   * `malformed_verdict`: a judge model replied without a readable verdict (the message quotes the reply).
   * `evaluator_error`: the evaluator threw something else (a bug in a custom evaluator, a model call failing).
   */
  code: 'target_not_found' | 'invalid_input' | 'invalid_result' | 'malformed_verdict' | 'evaluator_error';
  message: string;
}

/**
 * Runs one evaluator on one item: applies `input.target` (the selected span's field becomes
 * `output`), awaits the evaluator, and checks what it returned. Never throws.
 * @example const result = await runEvaluator(tokenF1(), { output, expected, spans, target: { kind: 'llm' } });
 */
export async function runEvaluator(
  evaluator: Evaluator,
  input: EvaluationInput,
): Promise<Result<EvaluationResult, EvaluationFailure>> {
  let scoredInput = input;
  if (input.target) {
    const selection = selectTarget(input.spans ?? [], input.target);
    if (!selection.success) return fail({ code: 'target_not_found', message: selection.error });
    scoredInput = { ...input, output: selection.value.value };
  }
  let result: EvaluationResult;
  try {
    result = await evaluator.evaluate(scoredInput);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code =
      error instanceof SextantError
        ? 'invalid_input'
        : error instanceof JudgeVerdictError
          ? 'malformed_verdict'
          : 'evaluator_error';
    return fail({ code, message: `${evaluator.name}@${evaluator.version}: ${message}` });
  }
  return checkResult(evaluator, result);
}

function checkResult(evaluator: Evaluator, result: unknown): Result<EvaluationResult, EvaluationFailure> {
  const parsed = evaluationResultSchema.safeParse(result);
  const label = `${evaluator.name}@${evaluator.version}`;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at '${issue.path.join('.')}'` : '';
    return fail({
      code: 'invalid_result',
      message: `${label} returned an invalid result${where}: ${issue?.message ?? 'not an object'}`,
    });
  }
  const { min, max } = evaluator.scoreRange ?? { min: 0, max: 1 };
  if (parsed.data.score < min || parsed.data.score > max) {
    return fail({
      code: 'invalid_result',
      message: `${label} returned score ${parsed.data.score}, outside its range [${min}, ${max}]`,
    });
  }
  return ok(parsed.data);
}
