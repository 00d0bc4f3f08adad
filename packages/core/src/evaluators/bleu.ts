import { type BleuOptions, type BleuScore, sentenceBleu } from './bleu-score.js';
import { evaluationText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from './evaluator.js';
import { withThreshold } from './evaluator.js';

export interface BleuEvaluatorOptions extends ThresholdOptions, BleuOptions {}

/**
 * Sentence BLEU of the output against the expected text (or list of references), computed as
 * sacrebleu's `sentence_bleu` with the same options: 13a tokenizer, n-grams up to 4, brevity
 * penalty, `exp` smoothing, effective order. The score is sacrebleu's BLEU divided by 100.
 * Sentence BLEU is noisy; prefer `corpusBleu` over a whole experiment when comparing systems.
 * @example bleu().evaluate({ output: 'The cat sat on the mat.', expected: ['A cat sat on the mat.'] })
 */
export function bleu(options: BleuEvaluatorOptions = {}): Evaluator {
  const name = options.name ?? 'bleu';
  const bleuOptions: BleuOptions = {
    tokenize: options.tokenize ?? '13a',
    lowercase: options.lowercase ?? false,
    smoothMethod: options.smoothMethod ?? 'exp',
    maxNgramOrder: options.maxNgramOrder ?? 4,
    effectiveOrder: options.effectiveOrder ?? true,
    ...(options.smoothValue === undefined ? {} : { smoothValue: options.smoothValue }),
  };
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `sentence BLEU / 100 as sacrebleu computes it (tok:${bleuOptions.tokenize}, smooth:${bleuOptions.smoothMethod})`,
    settings: {
      ...bleuOptions,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    },
    evaluate(input: EvaluationInput): EvaluationResult {
      const references = referenceTexts(input.expected, name);
      const result = sentenceBleu(evaluationText(input.output), references, bleuOptions);
      const details = {
        bleu: result.score,
        precisions: result.precisions,
        counts: result.counts,
        totals: result.totals,
        brevityPenalty: result.bp,
        outputLength: result.sysLen,
        referenceLength: result.refLen,
      };
      const score = Math.min(1, result.score / 100);
      const explanation = score === 1 ? undefined : explain(result);
      return withThreshold({ score, details, ...(explanation ? { explanation } : {}) }, options.threshold);
    },
  };
}

function explain(result: BleuScore): string {
  const orders = result.counts.map((count, index) => `${index + 1}-gram ${count}/${result.totals[index]}`);
  const brevity =
    result.bp < 1
      ? `; brevity penalty ${result.bp.toFixed(3)}: output has ${result.sysLen} tokens, the closest reference ${result.refLen}`
      : '';
  return `BLEU ${result.score.toFixed(2)}: matched ${orders.join(', ')}${brevity}`;
}
