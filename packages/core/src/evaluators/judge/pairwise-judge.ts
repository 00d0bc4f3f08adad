import { SextantError } from '../../errors.js';
import type { PromptDefinition } from '../../prompts/prompt-definition.js';
import { evaluationText } from '../evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from '../evaluator.js';
import { askJudge, checkJudgePrompt, type JudgePrompt, judgeVersion } from './ask-judge.js';
import type { JudgeModel } from './judge-model.js';
import { pairwiseJudgePrompt } from './judge-templates.js';
import { type PreferenceVerdict, parsePreferenceVerdict } from './parse-verdict.js';

/** Who won one comparison, seen from the candidate's side. */
export type PairOutcome = 'candidate' | 'baseline' | 'tie';

/** Both orders of one A/B comparison and what they add up to. */
export interface PairwiseComparison {
  /** Candidate shown as A, then as B. */
  outcomes: [PairOutcome, PairOutcome];
  /** The two orders agree; when not, the judge favoured a position and the pair counts as a tie. */
  consistent: boolean;
  /** Candidate's points, averaged over both orders: win 1, tie 0.5, loss 0. */
  score: number;
  reasons: [string | undefined, string | undefined];
}

export interface PairwiseJudgeOptions extends EvaluatorOptions {
  model: JudgeModel;
  /** What makes one answer better than the other. */
  criteria: string;
  /** A judge prompt from the registry instead of the built-in one; see `pairwiseJudgePrompt`. */
  prompt?: PromptDefinition;
}

const supplied = ['criteria', 'input', 'answerA', 'answerB'];
const points: Record<PairOutcome, number> = { candidate: 1, tie: 0.5, baseline: 0 };

/**
 * Asks the judge twice, with the candidate first and then second, to cancel position bias. Two
 * different outcomes mean the judge preferred a position, not an answer: that pair is inconsistent.
 */
export async function comparePair(
  model: JudgeModel,
  prompt: JudgePrompt,
  values: { criteria: string; input: string; candidate: string; baseline: string },
): Promise<PairwiseComparison> {
  const ask = (answerA: string, answerB: string) =>
    askJudge(
      model,
      prompt,
      { criteria: values.criteria, input: values.input, answerA, answerB },
      parsePreferenceVerdict,
    );
  const [first, second] = await Promise.all([
    ask(values.candidate, values.baseline),
    ask(values.baseline, values.candidate),
  ]);
  const outcomes: [PairOutcome, PairOutcome] = [
    fromCandidate(first.verdict, 'A'),
    fromCandidate(second.verdict, 'B'),
  ];
  const consistent = outcomes[0] === outcomes[1];
  return {
    outcomes,
    consistent,
    score: consistent ? points[outcomes[0]] : 0.5,
    reasons: [first.verdict.reasoning, second.verdict.reasoning],
  };
}

function fromCandidate(verdict: PreferenceVerdict, candidatePosition: 'A' | 'B'): PairOutcome {
  if (verdict.winner === 'tie') return 'tie';
  return verdict.winner === candidatePosition ? 'candidate' : 'baseline';
}

/**
 * LLM-as-judge, pairwise: is the output better than the item's `expected` (the baseline's answer)?
 * Score 1 when the judge prefers the output in both orders, 0 when it prefers the baseline in both,
 * 0.5 for a tie or an inconsistent pair (label `inconsistent`, with both reasons in the explanation).
 * @example await pairwiseJudge({ model, criteria: 'more helpful and accurate' })
 */
export async function pairwiseJudge(options: PairwiseJudgeOptions): Promise<Evaluator> {
  if (!options.criteria.trim()) {
    throw new SextantError('bad_request', 'a pairwise judge needs criteria: say what makes an answer better');
  }
  const prompt: JudgePrompt = {
    definition: options.prompt ?? pairwiseJudgePrompt,
    role: 'pairwise judge prompt',
  };
  checkJudgePrompt(prompt, supplied);
  const settings = { criteria: options.criteria };
  const { version, promptHashes } = await judgeVersion([prompt], options.model.id, settings);
  const name = options.name ?? 'pairwise-judge';
  return {
    specificationVersion: 'v1',
    name,
    version,
    description: `${options.model.id} compares the output with the baseline in both orders on: ${options.criteria}`,
    settings: { ...settings, model: options.model.id, promptHash: promptHashes[0] },
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      if (input.expected === undefined || input.expected === null) {
        throw new SextantError(
          'bad_request',
          `${name} needs the baseline's answer as the item's expected output to compare the output with`,
        );
      }
      const comparison = await comparePair(options.model, prompt, {
        criteria: options.criteria,
        input: evaluationText(input.input),
        candidate: evaluationText(input.output),
        baseline: evaluationText(input.expected),
      });
      const [first, second] = comparison.outcomes;
      const label = comparison.consistent ? first : 'inconsistent';
      const explanation = comparison.consistent
        ? comparison.reasons[0]
        : `position bias: with the output first the judge chose ${first}, with it second ${second}; ` +
          `counted as a tie. First: ${comparison.reasons[0] ?? '-'} Second: ${comparison.reasons[1] ?? '-'}`;
      return {
        score: comparison.score,
        label,
        explanation,
        details: { outcomes: comparison.outcomes, consistent: comparison.consistent },
      };
    },
  };
}
