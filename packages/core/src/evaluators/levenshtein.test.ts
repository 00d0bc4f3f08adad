import { describe, expect, it } from 'vitest';
import { levenshtein, levenshteinDistance, levenshteinSimilarity } from './levenshtein.js';

describe('levenshteinDistance', () => {
  it('gives the textbook distances', () => {
    // kitten → sitten (k→s) → sittin (e→i) → sitting (+g): 3 edits
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    // flaw → law (-f) → lawn (+n): 2 edits
    expect(levenshteinDistance('flaw', 'lawn')).toBe(2);
    expect(levenshteinDistance('', 'abc')).toBe(3);
    expect(levenshteinDistance('abc', '')).toBe(3);
    expect(levenshteinDistance('', '')).toBe(0);
    expect(levenshteinDistance('same', 'same')).toBe(0);
  });

  it('counts code points, so an astral character is one edit', () => {
    expect(levenshteinDistance('😀', '😃')).toBe(1);
    expect(levenshteinDistance('a😀b', 'ab')).toBe(1);
    expect(levenshteinDistance('naïve', 'naive')).toBe(1);
  });

  it('is symmetric', () => {
    expect(levenshteinDistance('intention', 'execution')).toBe(5);
    expect(levenshteinDistance('execution', 'intention')).toBe(5);
  });
});

describe('levenshteinSimilarity', () => {
  it('is 1 - d / max(len), with two empty strings equal', () => {
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinSimilarity('flaw', 'lawn')).toBe(0.5);
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('abc', 'xyz')).toBe(0);
  });
});

describe('levenshtein evaluator', () => {
  it('scores the closest reference and says how far the output is', async () => {
    const evaluator = levenshtein({ threshold: 0.8 });
    const result = await evaluator.evaluate({ output: 'kitten', expected: ['sitting', 'kitchen'] });
    // kitten → kitchen: t→c, +h: 2 edits over 7 characters
    expect(result.score).toBeCloseTo(1 - 2 / 7, 12);
    expect(result.passed).toBe(false);
    expect(result.explanation).toBe('2 edits away from "kitchen"; output: "kitten"');
    expect(await evaluator.evaluate({ output: 'kitchen', expected: 'kitchen' })).toEqual({
      score: 1,
      passed: true,
      details: { distance: 0 },
    });
  });

  it('folds case on request and scores non-string outputs by their text', async () => {
    expect(
      (await levenshtein({ ignoreCase: true }).evaluate({ output: 'PARIS', expected: 'paris' })).score,
    ).toBe(1);
    expect((await levenshtein().evaluate({ output: 12345, expected: '12346' })).score).toBeCloseTo(0.8, 12);
    expect((await levenshtein({ value: '' }).evaluate({ output: '' })).score).toBe(1);
  });
});
