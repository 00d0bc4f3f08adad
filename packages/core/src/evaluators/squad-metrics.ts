import { pythonSplit } from './python-strings.js';

/**
 * The answer metrics of the official SQuAD v1.1 evaluation script (`evaluate-v1.1.py`), ported
 * character for character: its `normalize_answer` runs Python's `str.lower()`, drops every
 * character of `string.punctuation` (ASCII only; “curly” quotes stay), replaces the words
 * a/an/the with a space using Python 3's Unicode-aware `\b`, and splits on Python's whitespace.
 */

// Python's `string.punctuation`.
const PUNCTUATION = new Set(Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'));
// `\b(a|an|the)\b` as CPython's `re` applies it to a str: a word character is a Unicode letter, digit or `_`.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** SQuAD's `normalize_answer`: lowercase, no ASCII punctuation, no articles, single spaces. */
export function normalizeSquadAnswer(text: string): string {
  const lowered = text.toLowerCase();
  let withoutPunctuation = '';
  for (const character of lowered) if (!PUNCTUATION.has(character)) withoutPunctuation += character;
  return pythonSplit(withoutPunctuation.replace(ARTICLES, ' ')).join(' ');
}

/** SQuAD's `exact_match_score`: the normalised strings are equal. */
export function squadExactMatch(prediction: string, groundTruth: string): boolean {
  return normalizeSquadAnswer(prediction) === normalizeSquadAnswer(groundTruth);
}

/** Token precision, recall and F1 between a prediction and one ground truth. */
export interface TokenOverlap {
  precision: number;
  recall: number;
  f1: number;
  common: number;
  predictionTokens: string[];
  groundTruthTokens: string[];
}

/**
 * SQuAD's `f1_score`: bag-of-tokens overlap after normalisation. As in v1.1 (unlike v2.0), no
 * common token gives 0, even when both sides normalise to nothing.
 */
export function squadTokenF1(prediction: string, groundTruth: string): TokenOverlap {
  const predictionTokens = pythonSplit(normalizeSquadAnswer(prediction));
  const groundTruthTokens = pythonSplit(normalizeSquadAnswer(groundTruth));
  const remaining = new Map<string, number>();
  for (const token of groundTruthTokens) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predictionTokens) {
    const count = remaining.get(token) ?? 0;
    if (count > 0) {
      common++;
      remaining.set(token, count - 1);
    }
  }
  if (common === 0) return { precision: 0, recall: 0, f1: 0, common, predictionTokens, groundTruthTokens };
  const precision = common / predictionTokens.length;
  const recall = common / groundTruthTokens.length;
  const f1 = (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, common, predictionTokens, groundTruthTokens };
}
