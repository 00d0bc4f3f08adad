import { z } from 'zod';
import { SextantError } from '../errors.js';
import type { PromptDefinition } from '../prompts/prompt-definition.js';
import { embeddingSimilarity } from './embedding-similarity.js';
import type { Evaluator } from './evaluator.js';
import { parseEvaluatorSettings } from './evaluator-settings.js';
import type { EmbedTexts, JudgeModel } from './judge/judge-model.js';
import { pairwiseJudge } from './judge/pairwise-judge.js';
import { pointwiseJudge } from './judge/pointwise-judge.js';
import { answerRelevance, answerRelevanceEmbedding } from './rag/answer-relevance.js';
import { contextRelevance } from './rag/context-relevance.js';
import { faithfulness } from './rag/faithfulness.js';
import { targetSelectorSchema } from './select-target.js';

/** What model-based evaluators are built from; the server supplies both from configured models. */
export interface ModelEvaluatorDependencies {
  /** A judge for a model id or gateway alias. */
  judge(model: string): JudgeModel;
  /** An embedder: the named embedding model, or the offline sentence encoder when none is named. */
  embedder(model?: string): Promise<{ id: string; embed: EmbedTexts }>;
  /** A judge prompt from the prompt registry: `NAME`, `NAME@LABEL` or `NAME@VERSION`. */
  prompt?(reference: string): Promise<PromptDefinition>;
}

const threshold = z.number().min(0).max(1).optional();
const judgeModel = z.string().min(1, 'name the judge model: a model id or gateway alias');
const name = z.string().min(1).optional();
/** A registry prompt replacing the built-in judge prompt; its content hash goes into the version. */
const prompt = z.string().min(1, 'name a registry prompt: NAME, NAME@LABEL or NAME@VERSION').optional();

/** Settings of each model-based evaluator, by registry name; what an experiment or rule stores. */
export const modelEvaluatorSettings = {
  'llm-judge': z.strictObject({
    model: judgeModel,
    rubric: z.string().min(1, 'say what a good answer is'),
    scale: z.strictObject({ min: z.number(), max: z.number() }).optional(),
    threshold,
    name,
    prompt,
  }),
  'pairwise-judge': z.strictObject({ model: judgeModel, criteria: z.string().min(1), name, prompt }),
  faithfulness: z.strictObject({
    model: judgeModel,
    context: targetSelectorSchema.optional(),
    threshold,
    name,
    claimsPrompt: prompt,
    supportPrompt: prompt,
  }),
  'context-relevance': z.strictObject({
    model: judgeModel,
    context: targetSelectorSchema.optional(),
    threshold,
    name,
    prompt,
  }),
  'answer-relevance': z.strictObject({ model: judgeModel, threshold, name }),
  'answer-relevance-embedding': z.strictObject({ embedder: z.string().optional(), threshold, name }),
  'embedding-similarity': z.strictObject({ embedder: z.string().optional(), threshold, name }),
} as const;

export type ModelEvaluatorName = keyof typeof modelEvaluatorSettings;

/** Names of the evaluators that need a model. */
export const modelEvaluatorNames = Object.keys(modelEvaluatorSettings) as ModelEvaluatorName[];

/**
 * Builds a model-based evaluator by name from stored settings. Bad settings throw a SextantError naming
 * the field; unknown names list the known ones.
 * @example await createModelEvaluator('llm-judge', { model: 'openai/gpt-4o-mini', rubric: 'Is it correct?' }, dependencies)
 */
export async function createModelEvaluator(
  evaluatorName: string,
  settings: unknown,
  dependencies: ModelEvaluatorDependencies,
): Promise<Evaluator> {
  if (!(evaluatorName in modelEvaluatorSettings)) {
    throw new SextantError(
      'bad_request',
      `unknown model-based evaluator '${evaluatorName}'; known: ${modelEvaluatorNames.join(', ')}`,
    );
  }
  const schema = modelEvaluatorSettings[evaluatorName as ModelEvaluatorName];
  const parsedSettings = parseEvaluatorSettings(evaluatorName, schema, settings);
  type Settings<Name extends ModelEvaluatorName> = z.infer<(typeof modelEvaluatorSettings)[Name]>;
  const options = parsedSettings as Settings<'llm-judge'> &
    Settings<'pairwise-judge'> &
    Settings<'faithfulness'> &
    Settings<'embedding-similarity'>;
  const judge = () => dependencies.judge(options.model);
  const load = async (reference: string | undefined) => {
    if (reference === undefined) return undefined;
    if (!dependencies.prompt) {
      throw new SextantError(
        'bad_request',
        `evaluator '${evaluatorName}': registry prompts cannot be loaded here`,
      );
    }
    return dependencies.prompt(reference);
  };
  const common = { name: options.name, threshold: options.threshold };
  switch (evaluatorName as ModelEvaluatorName) {
    case 'llm-judge':
      return pointwiseJudge({
        ...common,
        rubric: options.rubric,
        scale: options.scale,
        model: judge(),
        prompt: await load(options.prompt),
      });
    case 'pairwise-judge':
      return pairwiseJudge({
        name: options.name,
        criteria: options.criteria,
        model: judge(),
        prompt: await load(options.prompt),
      });
    case 'faithfulness':
      return faithfulness({
        ...common,
        context: options.context,
        model: judge(),
        prompts: { claims: await load(options.claimsPrompt), support: await load(options.supportPrompt) },
      });
    case 'context-relevance':
      return contextRelevance({
        ...common,
        context: options.context,
        model: judge(),
        prompt: await load(options.prompt),
      });
    case 'answer-relevance':
      return answerRelevance({ ...common, model: judge() });
    case 'answer-relevance-embedding': {
      const embedder = await dependencies.embedder(options.embedder);
      return answerRelevanceEmbedding({ ...common, embed: embedder.embed, embedderId: embedder.id });
    }
    case 'embedding-similarity': {
      const embedder = await dependencies.embedder(options.embedder);
      return embeddingSimilarity({ ...common, embed: embedder.embed, embedderId: embedder.id });
    }
  }
}
