import { SextantError } from '../errors.js';
import { tokenize13a, tokenizeWhitespace } from './tokenize-13a.js';

/**
 * How zero n-gram matches are smoothed (Chen & Cherry 2014, as sacrebleu names them).
 * `exp` (sacrebleu's default): the k-th order with no match gets precision 1 / (2^k · total).
 * `floor`: zero counts become `smoothValue` (default 0.1). `add-k`: adds `smoothValue` (default 1)
 * to matches and totals of orders 2 and up. `none`: a zero precision makes BLEU 0.
 */
export type BleuSmoothing = 'exp' | 'floor' | 'add-k' | 'none';

export interface BleuOptions {
  /** `13a` (default, mteval-v13a as in WMT) or `none` (split on whitespace only). */
  tokenize?: '13a' | 'none';
  /** Lowercase hypothesis and references first. Default false. */
  lowercase?: boolean;
  smoothMethod?: BleuSmoothing;
  smoothValue?: number;
  /** Highest n-gram order. Default 4. */
  maxNgramOrder?: number;
  /**
   * Average only over orders the hypothesis has n-grams for (so a 3-token sentence is not 0).
   * Default: true for `sentenceBleu`, false for `corpusBleu`, as in sacrebleu.
   */
  effectiveOrder?: boolean;
}

/** sacrebleu's `BLEUScore`. `score` and `precisions` are percentages (0-100), `bp` a factor. */
export interface BleuScore {
  score: number;
  /** Matched n-grams per order (clipped by the reference counts), order 1 first. */
  counts: number[];
  /** Hypothesis n-grams per order. */
  totals: number[];
  precisions: number[];
  /** Brevity penalty: exp(1 - refLen / sysLen) when the hypothesis is shorter, else 1. */
  bp: number;
  sysLen: number;
  /** Sum over segments of the reference length closest to the hypothesis length (the shorter on ties). */
  refLen: number;
}

/**
 * Corpus BLEU exactly as sacrebleu 2.x `corpus_bleu` computes it: n-gram statistics summed over all
 * segments, then one score. `references[i]` lists the references of `hypotheses[i]` (sacrebleu takes
 * the transpose: one list per reference set); empty references are skipped.
 * @example corpusBleu(['The dog bit the man.'], [['The dog bit the man.']]).score // 100
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  options: BleuOptions = {},
): BleuScore {
  if (hypotheses.length !== references.length) {
    throw new SextantError(
      'bad_request',
      `BLEU needs one list of references per hypothesis: got ${hypotheses.length} hypotheses and ${references.length} reference lists`,
    );
  }
  const order = options.maxNgramOrder ?? 4;
  const totals = {
    sysLen: 0,
    refLen: 0,
    counts: new Array<number>(order).fill(0),
    totals: new Array<number>(order).fill(0),
  };
  hypotheses.forEach((hypothesis, index) => {
    const stats = segmentStatistics(hypothesis, references[index]!, options, order);
    totals.sysLen += stats.sysLen;
    totals.refLen += stats.refLen;
    for (let n = 0; n < order; n++) {
      totals.counts[n]! += stats.counts[n]!;
      totals.totals[n]! += stats.totals[n]!;
    }
  });
  return computeBleu(totals, { ...options, effectiveOrder: options.effectiveOrder ?? false });
}

/** Sentence BLEU as sacrebleu's `sentence_bleu` (effective order on by default, `exp` smoothing). */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuScore {
  return corpusBleu([hypothesis], [references], {
    ...options,
    effectiveOrder: options.effectiveOrder ?? true,
  });
}

/** sacrebleu's `BLEU.compute_bleu`: the score from sufficient statistics. */
export function computeBleu(
  statistics: { counts: readonly number[]; totals: readonly number[]; sysLen: number; refLen: number },
  options: BleuOptions = {},
): BleuScore {
  const { sysLen, refLen } = statistics;
  const method = options.smoothMethod ?? 'exp';
  const smoothValue = options.smoothValue ?? (method === 'floor' ? 0.1 : 1);
  const order = options.maxNgramOrder ?? 4;
  const counts = [...statistics.counts];
  const totals = [...statistics.totals];
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(order).fill(0);
  const result = { counts, totals, precisions, bp, sysLen, refLen };
  if (!counts.some((count) => count > 0)) return { score: 0, ...result };
  let smoothMteval = 1;
  let effectiveOrder = order;
  for (let n = 1; n <= order; n++) {
    if (method === 'add-k' && n > 1) {
      counts[n - 1]! += smoothValue;
      totals[n - 1]! += smoothValue;
    }
    if (totals[n - 1] === 0) break;
    if (options.effectiveOrder) effectiveOrder = n;
    if (counts[n - 1] === 0) {
      if (method === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * totals[n - 1]!);
      } else if (method === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / totals[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * counts[n - 1]!) / totals[n - 1]!;
    }
  }
  const logSum = precisions
    .slice(0, effectiveOrder)
    .reduce((sum, precision) => sum + flooredLog(precision), 0);
  return { score: bp * Math.exp(logSum / effectiveOrder), ...result };
}

/** sacrebleu's `my_log`: log(0) is -9999999999 instead of -Infinity. */
function flooredLog(value: number): number {
  return value === 0 ? -9999999999 : Math.log(value);
}

function segmentStatistics(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions,
  order: number,
) {
  const tokenize = (text: string) => {
    const cased = options.lowercase ? text.toLowerCase() : text;
    return options.tokenize === 'none' ? tokenizeWhitespace(cased) : tokenize13a(cased);
  };
  const usable = references.filter((reference) => reference !== '');
  if (usable.length === 0)
    throw new SextantError('bad_request', 'BLEU needs at least one non-empty reference per hypothesis');
  const referenceNgrams = new Map<string, number>();
  const referenceLengths: number[] = [];
  for (const reference of usable) {
    const tokens = tokenize(reference);
    referenceLengths.push(tokens.length);
    for (const [ngram, count] of countNgrams(tokens, order)) {
      referenceNgrams.set(ngram, Math.max(referenceNgrams.get(ngram) ?? 0, count));
    }
  }
  const tokens = tokenize(hypothesis);
  const counts = new Array<number>(order).fill(0);
  const totals = new Array<number>(order).fill(0);
  for (const [ngram, count] of countNgrams(tokens, order)) {
    const n = ngram.split(' ').length - 1;
    totals[n]! += count;
    counts[n]! += Math.min(count, referenceNgrams.get(ngram) ?? 0);
  }
  return { sysLen: tokens.length, refLen: closestLength(tokens.length, referenceLengths), counts, totals };
}

/** n-grams of orders 1..maxOrder keyed by their tokens joined with spaces (tokens never contain one). */
function countNgrams(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const ngrams = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let start = 0; start + n <= tokens.length; start++) {
      const key = tokens.slice(start, start + n).join(' ');
      ngrams.set(key, (ngrams.get(key) ?? 0) + 1);
    }
  }
  return ngrams;
}

/** sacrebleu's `_get_closest_ref_len`: the reference length nearest the hypothesis, the shorter on ties. */
function closestLength(hypothesisLength: number, referenceLengths: readonly number[]): number {
  let closest = referenceLengths[0]!;
  for (const length of referenceLengths) {
    const distance = Math.abs(hypothesisLength - length);
    const best = Math.abs(hypothesisLength - closest);
    if (distance < best || (distance === best && length < closest)) closest = length;
  }
  return closest;
}
