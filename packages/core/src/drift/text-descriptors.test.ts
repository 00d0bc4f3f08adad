import { describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  describeText,
  isQuestion,
  textDescriptors,
  tokenizeWords,
} from './text-descriptors.js';

describe('tokenizeWords', () => {
  it('lower-cases, keeps inner apostrophes, splits CJK into characters', () => {
    expect(tokenizeWords("Don't panic, 東京 2024!")).toEqual(["don't", 'panic', '東', '京', '2024']);
    expect(tokenizeWords('Größe ändern')).toEqual(['größe', 'ändern']);
  });
});

describe('isQuestion', () => {
  it.each([
    ['How do I reset my password', true],
    ['Can you help me?', true],
    ['is this right', true],
    ['Wie geht das?', true],
    ['¿Qué hora es', true],
    ['He asked "why?"', true],
    ['パスワードは？', true],
    ['Reset my password.', false],
    ['Show me how it works', false],
    ['', false],
  ])('%j -> %s', (text, expected) => {
    expect(isQuestion(text)).toBe(expected);
  });
});

describe('describeText', () => {
  it('measures characters in code points, words, non-ASCII share and OOV rate', () => {
    const vocabulary = buildVocabulary(['reset my password', 'change my email']);
    const descriptor = describeText('Reset my café password 😀', vocabulary);
    expect(descriptor).toEqual({
      characters: 24,
      words: 4,
      isQuestion: false,
      oovRate: 0.25,
      language: 'en',
      nonAsciiShare: 2 / 24,
    });
  });

  it('gives OOV rate null without a vocabulary and 0 for a text without words', () => {
    expect(describeText('hello').oovRate).toBeNull();
    expect(describeText('!!!', new Set()).oovRate).toBe(0);
  });
});

describe('textDescriptors', () => {
  it('returns numeric and categorical columns aligned with the input', () => {
    const columns = textDescriptors(['How are you?', 'Wie geht es dir'], {
      referenceVocabulary: new Set(['how', 'are']),
    });
    expect(columns.numeric.words).toEqual([3, 4]);
    expect(columns.numeric.oovRate).toEqual([1 / 3, 1]);
    expect(columns.categorical).toEqual({ language: ['en', 'de'], question: ['question', 'statement'] });
    expect(textDescriptors(['x']).numeric.oovRate).toBeUndefined();
  });
});
