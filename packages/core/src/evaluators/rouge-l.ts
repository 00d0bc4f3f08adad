import { evaluationText, quoteText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from './evaluator.js';
import { withThreshold } from './evaluator.js';

/** ROUGE-L precision, recall and F-measure of one candidate against one reference. */
export interface RougeLScore {
  precision: number;
  recall: number;
  fmeasure: number;
  lcsLength: number;
}

/**
 * Google's rouge-score tokenizer (no stemming): lowercase, every run of characters outside
 * [a-z0-9] becomes a space, split. Letters outside ASCII are dropped, as rouge-score drops them,
 * so ROUGE on non-English text needs another tokenizer.
 */
export function tokenizeRouge(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((token) => token !== '');
}

/** Length of the longest common subsequence of two token lists (dynamic programming, two rows). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let row = 1; row <= a.length; row++) {
    for (let column = 1; column <= b.length; column++) {
      current[column] =
        a[row - 1] === b[column - 1]
          ? previous[column - 1]! + 1
          : Math.max(previous[column]!, current[column - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/**
 * ROUGE-L (Lin 2004, section 3.1): P = LCS / |candidate|, R = LCS / |reference|,
 * F = (1 + β²)·P·R / (R + β²·P). β = 1 (default) is rouge-score's `rougeL` F-measure; Lin's
 * ROUGE-1.5.5 weights recall with a large β. Either side empty gives 0, as in rouge-score.
 */
export function rougeLScore(
  candidate: readonly string[],
  reference: readonly string[],
  beta = 1,
): RougeLScore {
  if (candidate.length === 0 || reference.length === 0)
    return { precision: 0, recall: 0, fmeasure: 0, lcsLength: 0 };
  const length = lcsLength(reference, candidate);
  const precision = length / candidate.length;
  const recall = length / reference.length;
  const betaSquared = beta * beta;
  const denominator = recall + betaSquared * precision;
  const fmeasure = denominator > 0 ? ((1 + betaSquared) * precision * recall) / denominator : 0;
  return { precision, recall, fmeasure, lcsLength: length };
}

export interface RougeLOptions extends ThresholdOptions {
  /** Weight of recall against precision in the F-measure. Default 1. */
  beta?: number;
}

/**
 * ROUGE-L F-measure of the output against the expected text, with rouge-score's tokenizer; with
 * several references, the best F-measure (rouge-score's `score_multi`).
 * @example rougeL().evaluate({ output: 'testing one', expected: 'testing one two' }) // score 0.8
 */
export function rougeL(options: RougeLOptions = {}): Evaluator {
  const name = options.name ?? 'rouge-l';
  const beta = options.beta ?? 1;
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `ROUGE-L F-measure (β = ${beta}) with rouge-score's tokenizer, best over the references`,
    settings: { beta, ...(options.threshold === undefined ? {} : { threshold: options.threshold }) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const candidate = tokenizeRouge(evaluationText(input.output));
      let best: { reference: string; tokens: number; score: RougeLScore } | undefined;
      for (const reference of referenceTexts(input.expected, name)) {
        const tokens = tokenizeRouge(reference);
        const score = rougeLScore(candidate, tokens, beta);
        if (!best || score.fmeasure > best.score.fmeasure) best = { reference, tokens: tokens.length, score };
      }
      const { reference, tokens, score } = best!;
      const details = { precision: score.precision, recall: score.recall, lcsLength: score.lcsLength };
      const explanation =
        score.fmeasure === 1
          ? undefined
          : `longest common subsequence with ${quoteText(reference, 60)} is ${score.lcsLength} tokens: ` +
            `${score.lcsLength} of the output's ${candidate.length} (precision ${score.precision.toFixed(3)}), ` +
            `${score.lcsLength} of the reference's ${tokens} (recall ${score.recall.toFixed(3)})`;
      return withThreshold(
        { score: score.fmeasure, details, ...(explanation ? { explanation } : {}) },
        options.threshold,
      );
    },
  };
}
