import { type DetectedLanguage, detectLanguage } from './detect-language.js';

/** Descriptors of one text. */
export interface TextDescriptor {
  /** Length in Unicode code points. */
  characters: number;
  /** Word tokens (each CJK ideograph or kana counts as one word). */
  words: number;
  isQuestion: boolean;
  /** Share of word tokens missing from the reference vocabulary; null without a vocabulary, 0 without tokens. */
  oovRate: number | null;
  language: DetectedLanguage;
  /** Share of code points outside ASCII. */
  nonAsciiShare: number;
}

/** Descriptors of many texts as feature columns, ready for `driftReport`'s numeric and categorical inputs. */
export interface TextDescriptorColumns {
  numeric: { characters: number[]; words: number[]; nonAsciiShare: number[]; oovRate?: number[] };
  categorical: { language: string[]; question: string[] };
}

const interrogatives = new Set(
  "what who whom whose which when where why how is are am was were do does did can could will would should shall may might must has have had isn’t isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't".split(
    ' ',
  ),
);

const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Lower-cased word tokens: runs of letters, marks and digits (keeping inner apostrophes, as in "don't");
 * CJK ideographs and kana, written without spaces, are one token each.
 * @example tokenizeWords("Don't panic, 東京") // ["don't", 'panic', '東', '京']
 */
export function tokenizeWords(text: string): string[] {
  const runs = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
  if (!cjkCharacter.test(text)) return runs;
  return runs.flatMap((run) =>
    cjkCharacter.test(run)
      ? (run.match(
          /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu,
        ) ?? [])
      : [run],
  );
}

/** The set of word tokens of a reference corpus, for OOV rates. */
export function buildVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) for (const token of tokenizeWords(text)) vocabulary.add(token);
  return vocabulary;
}

/**
 * True if the text ends with a question mark (ASCII or full-width, before closing quotes or brackets),
 * opens with "¿", or starts with an English interrogative or auxiliary ("how", "can", "is", …).
 * A heuristic for English; other languages are caught only by their question marks.
 */
export function isQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (/[?？][\s"'”’»)\]]*$/u.test(trimmed) || trimmed.startsWith('¿')) return true;
  const firstWord = trimmed.toLowerCase().match(/^[\p{L}'’]+/u)?.[0];
  return firstWord !== undefined && interrogatives.has(firstWord.replaceAll('’', "'"));
}

/** Share of a text's word tokens missing from `vocabulary`; 0 for a text without words. */
export function outOfVocabularyRate(text: string, vocabulary: ReadonlySet<string>): number {
  const tokens = tokenizeWords(text);
  return oovShare(tokens, vocabulary);
}

function oovShare(tokens: readonly string[], vocabulary: ReadonlySet<string>): number {
  const unseen = tokens.filter((token) => !vocabulary.has(token)).length;
  return tokens.length > 0 ? unseen / tokens.length : 0;
}

/** Descriptors of one text; pass the reference vocabulary to get its OOV rate. */
export function describeText(text: string, vocabulary?: ReadonlySet<string>): TextDescriptor {
  const codePoints = [...text];
  const tokens = tokenizeWords(text);
  const nonAscii = codePoints.filter((character) => character.codePointAt(0)! > 0x7f).length;
  const oovRate = vocabulary ? oovShare(tokens, vocabulary) : null;
  return {
    characters: codePoints.length,
    words: tokens.length,
    isQuestion: isQuestion(text),
    oovRate,
    language: detectLanguage(text),
    nonAsciiShare: codePoints.length > 0 ? nonAscii / codePoints.length : 0,
  };
}

/**
 * Describes every text and returns the descriptors as columns: numeric (characters, words,
 * non-ASCII share, OOV rate when a reference vocabulary is given) and categorical (language,
 * 'question' / 'statement').
 * @example textDescriptors(['How do I reset it?']).categorical.question // ['question']
 */
export function textDescriptors(
  texts: readonly string[],
  options: { referenceVocabulary?: ReadonlySet<string> } = {},
): TextDescriptorColumns {
  const described = texts.map((text) => describeText(text, options.referenceVocabulary));
  const columns: TextDescriptorColumns = {
    numeric: {
      characters: described.map((row) => row.characters),
      words: described.map((row) => row.words),
      nonAsciiShare: described.map((row) => row.nonAsciiShare),
    },
    categorical: {
      language: described.map((row) => row.language),
      question: described.map((row) => (row.isQuestion ? 'question' : 'statement')),
    },
  };
  if (options.referenceVocabulary) columns.numeric.oovRate = described.map((row) => row.oovRate ?? 0);
  return columns;
}
