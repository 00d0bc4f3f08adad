import type { PromptDefinition } from '../../prompts/prompt-definition.js';
import { evaluationText, quoteText } from '../evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from '../evaluator.js';
import { withThreshold } from '../evaluator.js';
import { askJudge, checkJudgePrompt, type JudgePrompt, judgeVersion } from '../judge/ask-judge.js';
import type { JudgeModel } from '../judge/judge-model.js';
import { contextRelevancePrompt } from '../judge/judge-templates.js';
import { parseBinaryVerdict } from '../judge/parse-verdict.js';
import type { TargetSelector } from '../select-target.js';
import { contextTexts, retrievalDocuments, retrievedContext } from './retrieved-context.js';

export interface ContextRelevanceOptions extends ThresholdOptions {
  model: JudgeModel;
  /** Where the documents are when the run is not already targeted at them; every retrieval span's by default. */
  context?: TargetSelector;
  prompt?: PromptDefinition;
}

/**
 * Context relevance (retrieval precision): the judge decides, per retrieved document, whether it helps
 * answer the input. Score = relevant documents / documents. Scores the retrieval component on its own:
 * run it with `target: { kind: 'retrieval', field: 'documents' }`, or untargeted on a traced run, where it
 * finds the retrieval spans itself.
 * @example runEvaluator(await contextRelevance({ model }), { input, output, spans, target: { kind: 'retrieval', field: 'documents' } })
 */
export async function contextRelevance(options: ContextRelevanceOptions): Promise<Evaluator> {
  const prompt: JudgePrompt = {
    definition: options.prompt ?? contextRelevancePrompt,
    role: 'context relevance prompt',
  };
  checkJudgePrompt(prompt, ['question', 'document']);
  const selector = options.context ?? retrievalDocuments;
  const settings = { context: selector, threshold: options.threshold };
  const { version, promptHashes } = await judgeVersion([prompt], options.model.id, settings);
  const name = options.name ?? 'context-relevance';
  return {
    specificationVersion: 'v1',
    name,
    version,
    description: `share of retrieved documents that help answer the input, judged by ${options.model.id}`,
    settings: { ...settings, model: options.model.id, promptHash: promptHashes[0] },
    async evaluate(input: EvaluationInput): Promise<EvaluationResult> {
      const documents = isDocumentList(input.output)
        ? contextTexts(input.output)
        : retrievedContext(input, selector, name);
      if (documents.length === 0) {
        return withThreshold(
          {
            score: 0,
            label: 'no documents',
            explanation: 'retrieval returned no documents',
            details: { documents: [] },
          },
          options.threshold,
        );
      }
      const question = evaluationText(input.input);
      const verdicts = await Promise.all(
        documents.map((document) =>
          askJudge(options.model, prompt, { question, document }, parseBinaryVerdict),
        ),
      );
      const judged = documents.map((document, index) => ({
        document: quoteText(document, 120),
        relevant: verdicts[index]!.verdict.verdict,
        reasoning: verdicts[index]!.verdict.reasoning,
      }));
      const relevant = judged.filter((item) => item.relevant).length;
      const irrelevant = judged.flatMap((item, index) => (item.relevant ? [] : [index + 1]));
      return withThreshold(
        {
          score: relevant / judged.length,
          label: `${relevant}/${judged.length} relevant`,
          explanation:
            irrelevant.length === 0
              ? `all ${judged.length} documents help answer the input`
              : irrelevant.length === 1
                ? `document ${irrelevant[0]} of ${judged.length} does not help answer the input`
                : `documents ${irrelevant.join(', ')} of ${judged.length} do not help answer the input`,
          details: { documents: judged },
        },
        options.threshold,
      );
    },
  };
}

/** Output that is already the retrieved documents (a targeted run), rather than an answer. */
function isDocumentList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((item) => typeof item === 'object' && item !== null && typeof item.content === 'string')
  );
}
