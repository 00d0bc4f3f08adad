import { pythonRightStrip, pythonSplit } from './python-strings.js';

/**
 * sacrebleu's default `13a` tokenizer (mteval-v13a.pl, as used by WMT), ported from
 * `sacrebleu/tokenizers/tokenizer_13a.py` and `tokenizer_re.py`. Returns the tokens.
 *
 * Steps, in sacrebleu's order: strip trailing whitespace; remove `<skipped>`; join `-\n` line
 * breaks; newlines to spaces; unescape &quot; &amp; &lt; &gt;; pad with spaces; split off the
 * ASCII symbols `{|}~ [\]^_` ` !"#$%& ()*+ :;<=>?@ /`; split `.` and `,` unless both neighbours
 * are digits; split `-` after a digit; split on Python's whitespace. Apostrophes stay inside words
 * ("wasn't" is one token).
 */
export function tokenize13a(text: string): string[] {
  let line = pythonRightStrip(text)
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  line = ` ${line} `;
  line = line.replace(/([{-~[-`\u0020-&(-+:-@/])/g, ' $1 ');
  line = line.replace(/([^0-9])([.,])/g, '$1 $2 ');
  line = line.replace(/([.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return pythonSplit(line);
}

/** sacrebleu's `none` tokenizer: the text split on whitespace, punctuation left attached. */
export function tokenizeWhitespace(text: string): string[] {
  return pythonSplit(pythonRightStrip(text));
}
