import { embeddingSimilarity } from '../embedding-similarity.js';
import type { Evaluator, ThresholdOptions } from '../evaluator.js';
import type { EmbedTexts, JudgeModel } from '../judge/judge-model.js';
import { answerRelevanceRubric } from '../judge/judge-templates.js';
import { pointwiseJudge } from '../judge/pointwise-judge.js';

export interface AnswerRelevanceOptions extends ThresholdOptions {
  model: JudgeModel;
}

/**
 * Answer relevance, judged: does the answer address the question asked (not: is it correct)? A pointwise
 * judge on a fixed 1-5 rubric, mapped onto [0, 1].
 * @example await answerRelevance({ model, threshold: 0.75 })
 */
export function answerRelevance(options: AnswerRelevanceOptions): Promise<Evaluator> {
  return pointwiseJudge({
    model: options.model,
    rubric: answerRelevanceRubric,
    scale: { min: 1, max: 5 },
    threshold: options.threshold,
    name: options.name ?? 'answer-relevance',
  });
}

export interface AnswerRelevanceEmbeddingOptions extends ThresholdOptions {
  embed: EmbedTexts;
  embedderId: string;
}

/**
 * Answer relevance without a judge: cosine similarity of the question's and the answer's embeddings.
 * Cheaper and deterministic, but it rewards answers that repeat the question's words.
 */
export function answerRelevanceEmbedding(options: AnswerRelevanceEmbeddingOptions): Evaluator {
  return embeddingSimilarity({
    ...options,
    compareWith: 'input',
    name: options.name ?? 'answer-relevance-embedding',
  });
}
