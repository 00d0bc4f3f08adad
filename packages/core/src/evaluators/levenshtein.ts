import { evaluationText, quoteText, referenceTexts } from './evaluation-values.js';
import type { EvaluationInput, EvaluationResult, Evaluator, ThresholdOptions } from './evaluator.js';
import { withThreshold } from './evaluator.js';

export interface LevenshteinOptions extends ThresholdOptions {
  /** Compared with instead of the item's `expected` (a string, or a list scored against the closest). */
  value?: string | readonly string[];
  ignoreCase?: boolean;
}

/**
 * Levenshtein distance (insertions, deletions, substitutions, each costing 1) between two strings,
 * counted in Unicode code points so an emoji is one edit, not two. O(n·m) time, O(min(n, m)) memory.
 */
export function levenshteinDistance(a: string, b: string): number {
  let longer = Array.from(a);
  let shorter = Array.from(b);
  if (shorter.length > longer.length) [longer, shorter] = [shorter, longer];
  let previous = Array.from({ length: shorter.length + 1 }, (_, index) => index);
  let current = new Array<number>(shorter.length + 1).fill(0);
  for (let row = 1; row <= longer.length; row++) {
    current[0] = row;
    for (let column = 1; column <= shorter.length; column++) {
      const substitution = previous[column - 1]! + (longer[row - 1] === shorter[column - 1] ? 0 : 1);
      current[column] = Math.min(previous[column]! + 1, current[column - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[shorter.length]!;
}

/** 1 - distance / max(length): 1 for equal strings (two empty strings included), 0 for nothing in common. */
export function levenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(Array.from(a).length, Array.from(b).length);
  return longest === 0 ? 1 : 1 - levenshteinDistance(a, b) / longest;
}

/**
 * Normalised edit similarity to the expected text, 1 - d / max(len), in code points.
 * @example levenshtein().evaluate({ output: 'kitten', expected: 'sitting' }) // score 1 - 3/7
 */
export function levenshtein(options: LevenshteinOptions = {}): Evaluator {
  const ignoreCase = options.ignoreCase ?? false;
  const name = options.name ?? 'levenshtein';
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: `edit similarity 1 - distance / max length to the expected text${ignoreCase ? ' (case-insensitive)' : ''}`,
    settings: {
      ignoreCase,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
      ...(options.value === undefined ? {} : { value: options.value }),
    },
    evaluate(input: EvaluationInput): EvaluationResult {
      const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
      const output = fold(evaluationText(input.output));
      const references = referenceTexts(options.value ?? input.expected, name).map(fold);
      let best = { reference: references[0]!, distance: Number.POSITIVE_INFINITY, score: -1 };
      for (const reference of references) {
        const distance = levenshteinDistance(output, reference);
        const longest = Math.max(Array.from(output).length, Array.from(reference).length);
        const score = longest === 0 ? 1 : 1 - distance / longest;
        if (score > best.score) best = { reference, distance, score };
      }
      const explanation =
        best.distance === 0
          ? undefined
          : `${best.distance} edit${best.distance > 1 ? 's' : ''} away from ${quoteText(best.reference, 60)}; output: ${quoteText(output, 60)}`;
      return withThreshold(
        { score: best.score, details: { distance: best.distance }, ...(explanation ? { explanation } : {}) },
        options.threshold,
      );
    },
  };
}
