import type { PromptDefinition } from '../../prompts/prompt-definition.js';
import { evaluationText, quoteText } from '../evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from '../evaluator.js';
import { withThreshold } from '../evaluator.js';
import { askJudge, checkJudgePrompt, type JudgePrompt, judgeVersion } from '../judge/ask-judge.js';
import type { JudgeModel } from '../judge/judge-model.js';
import { claimExtractionPrompt, claimSupportPrompt } from '../judge/judge-templates.js';
import { parseBinaryVerdict, parseClaims } from '../judge/parse-verdict.js';
import type { TargetSelector } from '../select-target.js';
import { retrievalDocuments, retrievedContext } from './retrieved-context.js';

export interface FaithfulnessOptions extends ThresholdOptions {
  model: JudgeModel;
  /** Where the context is in the trace; every retrieval span's documents by default. */
  context?: TargetSelector;
  /** Registry versions of the two judge prompts, instead of the built-in ones. */
  prompts?: { claims?: PromptDefinition; support?: PromptDefinition };
}

/**
 * Faithfulness (groundedness) of a RAG answer: the judge splits the answer into claims, then checks each
 * against the retrieved context. Score = supported claims / claims; an answer with no claims scores 1
 * (it asserts nothing unsupported). The explanation lists the unsupported claims.
 * @example await faithfulness({ model, threshold: 0.9 })
 */
export async function faithfulness(options: FaithfulnessOptions): Promise<Evaluator> {
  const claimsPrompt: JudgePrompt = {
    definition: options.prompts?.claims ?? claimExtractionPrompt,
    role: 'claim extraction prompt',
  };
  const supportPrompt: JudgePrompt = {
    definition: options.prompts?.support ?? claimSupportPrompt,
    role: 'claim support prompt',
  };
  checkJudgePrompt(claimsPrompt, ['question', 'answer']);
  checkJudgePrompt(supportPrompt, ['context', 'claim']);
  const selector = options.context ?? retrievalDocuments;
  const settings = { context: selector, threshold: options.threshold };
  const { version, promptHashes } = await judgeVersion(
    [claimsPrompt, supportPrompt],
    options.model.id,
    settings,
  );
  const name = options.name ?? 'faithfulness';
  return {
    specificationVersion: 'v1',
    name,
    version,
    description: `share of the answer's claims that the retrieved context supports, judged by ${options.model.id}`,
    settings: { ...settings, model: options.model.id, promptHashes },
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      const context = retrievedContext(input, selector, name);
      const answer = evaluationText(input.output);
      const { verdict: claims } = await askJudge(
        options.model,
        claimsPrompt,
        { question: evaluationText(input.input), answer },
        parseClaims,
      );
      if (claims.length === 0) {
        return withThreshold(
          {
            score: 1,
            label: 'no claims',
            explanation: 'the answer makes no factual claim to check',
            details: { claims: [] },
          },
          options.threshold,
        );
      }
      const contextText = context.map((text, index) => `[${index + 1}] ${text}`).join('\n\n');
      const verdicts = await Promise.all(
        claims.map((claim) =>
          askJudge(options.model, supportPrompt, { context: contextText, claim }, parseBinaryVerdict),
        ),
      );
      const checked = claims.map((claim, index) => ({
        claim,
        supported: verdicts[index]!.verdict.verdict,
        reasoning: verdicts[index]!.verdict.reasoning,
      }));
      const unsupported = checked.filter((item) => !item.supported);
      const supported = checked.length - unsupported.length;
      return withThreshold(
        {
          score: supported / checked.length,
          label: `${supported}/${checked.length} claims supported`,
          explanation:
            unsupported.length === 0
              ? `all ${checked.length} claims are supported by the context`
              : `not supported by the context: ${unsupported.map((item) => quoteText(item.claim)).join('; ')}`,
          details: { claims: checked, documents: context.length },
        },
        options.threshold,
      );
    },
  };
}
