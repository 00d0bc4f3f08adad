/**
 * Labels from `detectLanguage`: ISO 639-1 codes for the Latin-script languages and CJK, script names
 * where one script covers many languages ('cyrillic', 'arabic'), and 'other' for anything else or no evidence.
 */
export type DetectedLanguage =
  | 'en'
  | 'de'
  | 'fr'
  | 'es'
  | 'it'
  | 'pt'
  | 'nl'
  | 'zh'
  | 'ja'
  | 'ko'
  | 'cyrillic'
  | 'arabic'
  | 'other';

type LatinLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'nl';

// Frequent function words; a word may count for several languages (e.g. "de"), which then only
// the other words of the text tell apart.
const stopWords: Record<LatinLanguage, ReadonlySet<string>> = {
  en: words(
    'the and is are was were of to in it that this what how you i my for with on do does can be have not an your from why when where which who please me we they there will would should about',
  ),
  de: words(
    'der die das und ist nicht ein eine ich du sie es mit auf für von zu den dem wie was wer warum wo kann können mein meine bitte auch oder aber sind habe hat wird noch nach bei ihr uns',
  ),
  fr: words(
    'le la les et est un une des du de je tu il elle nous vous pas que qui quoi comment pourquoi où pour avec sur dans ce cette mon ma mes sont être avoir merci plus au aux ne',
  ),
  es: words(
    'el la los las y es un una de que qué cómo por para con no mi mis yo tú está están son del al lo se pero muy gracias dónde cuándo porque hay puedo tengo',
  ),
  it: words(
    'il lo la gli le e è un una di che non per con sono mi ho come perché dove quando cosa questo questa della del nel alla anche grazie posso ma sei',
  ),
  pt: words(
    'o a os as e é um uma de que não para com por eu você meu minha como onde quando porque está são do da dos das no na em obrigado obrigada posso mais muito',
  ),
  nl: words(
    'de het een en is niet ik je jij u wat hoe waarom waar van voor met op dat dit zijn mijn kan kunnen ook maar wordt heb heeft bij naar graag er',
  ),
};

const latinLanguages = Object.keys(stopWords) as LatinLanguage[];

const languagesByStopWord = new Map<string, LatinLanguage[]>();
for (const language of latinLanguages) {
  for (const word of stopWords[language]) {
    languagesByStopWord.set(word, [...(languagesByStopWord.get(word) ?? []), language]);
  }
}

// Letters (nearly) unique to one language among the seven.
const distinctiveLetters: Array<[LatinLanguage, RegExp]> = [
  ['de', /[äöüß]/],
  ['es', /[ñ¿¡]/],
  ['pt', /[ãõ]/],
  ['fr', /[êûœëîùÿ]/],
  ['it', /[ìò]/],
];

/**
 * A small heuristic language identifier, good enough to notice a shift in the language mix, not to
 * label single texts reliably. Non-Latin scripts decide first by letter counts (kana → ja, Hangul → ko,
 * Han with little kana → zh, Cyrillic, Arabic). Latin text scores one point per stop word of each of en, de, fr,
 * es, it, pt, nl and per word with a distinctive letter; the best score wins (ties in that order), and
 * text without any evidence is 'other'.
 * @example detectLanguage('Wie kann ich mein Passwort ändern?') // 'de'
 */
export function detectLanguage(text: string): DetectedLanguage {
  const script = dominantScript(text);
  if (script !== 'latin') return script;
  const scores = new Map<LatinLanguage, number>();
  for (const token of text.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) {
    for (const language of languagesByStopWord.get(token) ?? [])
      scores.set(language, (scores.get(language) ?? 0) + 1);
    if (/^[a-z]*$/.test(token)) continue;
    for (const [language, letters] of distinctiveLetters) {
      if (letters.test(token)) scores.set(language, (scores.get(language) ?? 0) + 1);
    }
  }
  let best: DetectedLanguage = 'other';
  let bestScore = 0;
  for (const language of latinLanguages) {
    const score = scores.get(language) ?? 0;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}

/** The script with the most letters ('latin' wins ties); 'other' when none of the known scripts appears. */
function dominantScript(text: string): DetectedLanguage | 'latin' {
  // Most traffic is plain ASCII: Latin if it has a letter at all.
  if (/^\p{ASCII}*$/u.test(text)) return /[a-z]/i.test(text) ? 'latin' : 'other';
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const han = count(/\p{Script=Han}/gu);
  const candidates: Array<[DetectedLanguage | 'latin', number]> = [
    ['latin', count(/\p{Script=Latin}/gu)],
    // Japanese mixes kanji with kana; Chinese has (almost) none.
    [kana * 10 >= han && kana > 0 ? 'ja' : 'zh', kana + han],
    ['ko', count(/\p{Script=Hangul}/gu)],
    ['cyrillic', count(/\p{Script=Cyrillic}/gu)],
    ['arabic', count(/\p{Script=Arabic}/gu)],
  ];
  const [script, letters] = candidates.reduce((best, candidate) =>
    candidate[1] > best[1] ? candidate : best,
  );
  return letters > 0 ? script : 'other';
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}
