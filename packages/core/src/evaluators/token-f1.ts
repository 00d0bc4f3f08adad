import { evaluationText, quoteText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from './evaluator.js';
import { withThreshold } from './evaluator.js';
import { squadTokenF1, type TokenOverlap } from './squad-metrics.js';

/**
 * SQuAD v1.1 token F1: bag-of-words overlap between the normalised output and the best of the
 * expected answers (the maximum F1 over them, as the official script takes it).
 * @example tokenF1().evaluate({ output: 'Denver Broncos won', expected: 'the Denver Broncos' }) // score 0.8
 */
export function tokenF1(options: ThresholdOptions = {}): Evaluator {
  const name = options.name ?? 'token-f1';
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: 'SQuAD v1.1 token F1 after normalisation, best over the expected answers',
    settings: options.threshold === undefined ? {} : { threshold: options.threshold },
    evaluate(input: EvaluationInput): EvaluationResult {
      const output = evaluationText(input.output);
      let best: { answer: string; overlap: TokenOverlap } | undefined;
      for (const answer of referenceTexts(input.expected, name)) {
        const overlap = squadTokenF1(output, answer);
        if (!best || overlap.f1 > best.overlap.f1) best = { answer, overlap };
      }
      const { answer, overlap } = best!;
      const details = { precision: overlap.precision, recall: overlap.recall, bestAnswer: answer };
      const explanation = overlap.f1 === 1 ? undefined : explain(answer, overlap);
      return withThreshold(
        { score: overlap.f1, details, ...(explanation ? { explanation } : {}) },
        options.threshold,
      );
    },
  };
}

function explain(answer: string, overlap: TokenOverlap): string {
  const { common, predictionTokens, groundTruthTokens } = overlap;
  const extra = difference(predictionTokens, groundTruthTokens);
  const missing = difference(groundTruthTokens, predictionTokens);
  const words = (tokens: string[]) => (tokens.length === 0 ? 'none' : tokens.slice(0, 10).join(' '));
  return (
    `against ${quoteText(answer, 60)}: ${common} of ${predictionTokens.length} output tokens are in the answer, ` +
    `${common} of its ${groundTruthTokens.length} tokens are in the output; extra: ${words(extra)}; missing: ${words(missing)}`
  );
}

/** Tokens of `from` left after removing one occurrence per token of `remove` (multiset difference). */
function difference(from: string[], remove: string[]): string[] {
  const counts = new Map<string, number>();
  for (const token of remove) counts.set(token, (counts.get(token) ?? 0) + 1);
  return from.filter((token) => {
    const count = counts.get(token) ?? 0;
    if (count > 0) counts.set(token, count - 1);
    return count === 0;
  });
}
