import { describe, expect, it } from 'vitest';
import { exactMatch } from './exact-match.js';
import { normalizeSquadAnswer, squadExactMatch, squadTokenF1 } from './squad-metrics.js';
import { tokenF1 } from './token-f1.js';

// Expected values come from the official SQuAD v1.1 script (evaluate-v1.1.py: normalize_answer,
// exact_match_score, f1_score) run verbatim under CPython 3.11; each F1 is also derived by hand.
describe('SQuAD v1.1 metrics', () => {
  it.each([
    // [prediction, ground truth, normalised prediction, normalised truth, EM, F1]
    ['the Denver Broncos', 'Denver Broncos', 'denver broncos', 'denver broncos', true, 1],
    // F1: 2 common of 3 predicted (P = 2/3) and 2 true (R = 1); 2PR/(P+R) = (4/3)/(5/3) = 0.8
    ['Denver Broncos won', 'the Denver Broncos', 'denver broncos won', 'denver broncos', false, 0.8],
    // bag of words: order does not matter; 2 common of 3 and of 2 again gives 0.8
    ['The Broncos of Denver', 'Denver Broncos', 'broncos of denver', 'denver broncos', false, 0.8],
    // 3 common, P = 3/3, R = 3/11 (levis stadium in san francisco bay area at santa clara california):
    // F1 = 2·(3/11)/(1 + 3/11) = 6/14 = 3/7
    [
      'Santa Clara, California',
      "Levi's Stadium in the San Francisco Bay Area at Santa Clara, California.",
      'santa clara california',
      'levis stadium in san francisco bay area at santa clara california',
      false,
      3 / 7,
    ],
    // articles only normalise to nothing: no common token gives 0
    ['a a the an', 'apple', '', 'apple', false, 0],
    // v1.1 (unlike v2.0) scores two empty answers EM 1 but F1 0
    ['', '', '', '', true, 0],
    // `\b` is Unicode-aware in Python 3: "théâtre" keeps its letters; 1 of 2 tokens in common: 0.5
    ['théâtre an apple', 'theatre apple', 'théâtre apple', 'theatre apple', false, 0.5],
    // "ça": Python sees ç as a word character, so the "a" after it is not an article (an ASCII \b would drop it)
    ['Ça va', 'ca va', 'ça va', 'ca va', false, 0.5],
    // a combining accent is not a word character to Python's re, so "the" before it is an article
    ['the\u0301 apple', 'apple', '\u0301 apple', 'apple', false, 2 / 3],
    // curly quotes are not in string.punctuation
    ['“quoted” answer', 'quoted answer', '“quoted” answer', 'quoted answer', false, 0.5],
    // Greek final sigma lowercases the same way in Python and JavaScript
    ['ΟΔΟΣ', 'οδος', 'οδος', 'οδος', true, 1],
    // "_" is punctuation, removed before articles: "an_apple" becomes one word
    ['an_apple', 'apple', 'anapple', 'apple', false, 0],
    ['a1 the2', 'a1', 'a1 the2', 'a1', false, 2 / 3],
    // \x1c is whitespace to Python's str.split(); \ufeff is not (it is to JavaScript's \s)
    ['x\x1cy', 'x y', 'x y', 'x y', true, 1],
    ['x\ufeffy', 'x y', 'x\ufeffy', 'x y', false, 0],
    ['1,000 tons', '1000 tons', '1000 tons', '1000 tons', true, 1],
  ] as const)('%j vs %j', (prediction, truth, normalizedPrediction, normalizedTruth, exact, f1) => {
    expect(normalizeSquadAnswer(prediction)).toBe(normalizedPrediction);
    expect(normalizeSquadAnswer(truth)).toBe(normalizedTruth);
    expect(squadExactMatch(prediction, truth)).toBe(exact);
    expect(squadTokenF1(prediction, truth).f1).toBeCloseTo(f1, 12);
  });
});

describe('exactMatch evaluator', () => {
  it('takes the best of several answers, as metric_max_over_ground_truths does', async () => {
    const evaluator = exactMatch();
    const result = await evaluator.evaluate({
      output: 'the Denver Broncos',
      expected: ['Carolina Panthers', 'Denver Broncos'],
    });
    expect(result).toMatchObject({ score: 1, passed: true, details: { matchedAnswer: 'Denver Broncos' } });
  });

  it('shows both normalised sides when nothing matches', async () => {
    const result = await exactMatch().evaluate({ output: 'The Broncos!', expected: ['Denver Broncos'] });
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.explanation).toBe(
      'normalised output "broncos" equals none of the normalised answers: "denver broncos"',
    );
  });

  it('scores a non-string output by its text and asks for a reference when there is none', async () => {
    expect((await exactMatch().evaluate({ output: 1989, expected: '1989' })).score).toBe(1);
    expect(() => exactMatch().evaluate({ output: 'x' })).toThrow(/exact-match needs a reference/);
  });
});

describe('tokenF1 evaluator', () => {
  it('takes the maximum F1 over the ground truths and names the extra and missing tokens', async () => {
    const result = await tokenF1({ threshold: 0.5 }).evaluate({
      output: 'Santa Clara, California',
      expected: [
        "Levi's Stadium",
        "Levi's Stadium in the San Francisco Bay Area at Santa Clara, California.",
      ],
    });
    expect(result.score).toBeCloseTo(3 / 7, 12);
    expect(result.passed).toBe(false);
    expect(result.details).toMatchObject({
      precision: 1,
      bestAnswer: expect.stringContaining('Santa Clara'),
    });
    expect(result.explanation).toContain(
      '3 of 3 output tokens are in the answer, 3 of its 11 tokens are in the output',
    );
    expect(result.explanation).toContain('extra: none; missing: levis stadium in san francisco bay area at');
  });

  it('gives 1 with no explanation for a full match and 0 for an empty output', async () => {
    const full = await tokenF1().evaluate({ output: 'Denver Broncos.', expected: 'the denver broncos' });
    expect(full).toEqual({
      score: 1,
      details: { precision: 1, recall: 1, bestAnswer: 'the denver broncos' },
    });
    expect((await tokenF1().evaluate({ output: '', expected: 'Denver Broncos' })).score).toBe(0);
  });
});
