import { SextantError } from '../../errors.js';
import type { PromptDefinition } from '../../prompts/prompt-definition.js';
import { evaluationText } from '../evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from '../evaluator.js';
import { withThreshold } from '../evaluator.js';
import { askJudge, checkJudgePrompt, type JudgePrompt, judgeVersion } from './ask-judge.js';
import type { JudgeModel } from './judge-model.js';
import { pointwiseJudgePrompt } from './judge-templates.js';
import { parseScoreVerdict } from './parse-verdict.js';

export interface PointwiseJudgeOptions extends ThresholdOptions {
  model: JudgeModel;
  /** What a good answer is, in words the judge model reads. */
  rubric: string;
  /** The judge's scale; 1-5 by default. The score is mapped onto [0, 1]. */
  scale?: { min: number; max: number };
  /** A judge prompt from the registry instead of the built-in one; see `pointwiseJudgePrompt`. */
  prompt?: PromptDefinition;
}

const supplied = ['rubric', 'scaleMin', 'scaleMax', 'input', 'output', 'expected'];

/**
 * LLM-as-judge on one answer: the model grades it on a rubric and a scale, and explains why. The score
 * is `(grade - min) / (max - min)`; the label is the grade (`4/5`). A reply without a readable grade
 * fails the evaluation (a JudgeVerdictError quoting the reply), never scores 0.
 * @example await pointwiseJudge({ model, rubric: 'Is the answer polite and correct?', threshold: 0.75 })
 */
export async function pointwiseJudge(options: PointwiseJudgeOptions): Promise<Evaluator> {
  const scale = options.scale ?? { min: 1, max: 5 };
  if (!(Number.isFinite(scale.min) && Number.isFinite(scale.max) && scale.max > scale.min)) {
    throw new SextantError(
      'bad_request',
      `a judge scale needs min < max, got ${scale.min}-${scale.max}; for example { min: 1, max: 5 }`,
    );
  }
  if (!options.rubric.trim()) {
    throw new SextantError('bad_request', 'a pointwise judge needs a rubric: say what a good answer is');
  }
  const prompt: JudgePrompt = {
    definition: options.prompt ?? pointwiseJudgePrompt,
    role: 'pointwise judge prompt',
  };
  checkJudgePrompt(prompt, supplied);
  const settings = { rubric: options.rubric, scale, threshold: options.threshold };
  const { version, promptHashes } = await judgeVersion([prompt], options.model.id, settings);
  return {
    specificationVersion: 'v1',
    name: options.name ?? 'llm-judge',
    version,
    description: `${options.model.id} grades the answer from ${scale.min} to ${scale.max} on: ${options.rubric}`,
    settings: { ...settings, model: options.model.id, promptHash: promptHashes[0] },
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      const { verdict } = await askJudge(
        options.model,
        prompt,
        {
          rubric: options.rubric,
          scaleMin: scale.min,
          scaleMax: scale.max,
          input: evaluationText(input.input),
          output: evaluationText(input.output),
          expected: input.expected === undefined ? undefined : evaluationText(input.expected),
        },
        (reply) => parseScoreVerdict(reply, scale),
      );
      const score = (verdict.score - scale.min) / (scale.max - scale.min);
      return withThreshold(
        {
          score,
          label: `${verdict.score}/${scale.max}`,
          explanation: verdict.reasoning,
          details: { grade: verdict.score, scale },
        },
        options.threshold,
      );
    },
  };
}
