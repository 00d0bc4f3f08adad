import type { PiiDetector, PiiMatch } from './pii-match.js';
import { hasDigitRun } from './text-triggers.js';

// Shared edges: a number never starts inside a word, a version (`v1.2`), a path or an id (`ORD-123`),
// and never ends where more digits follow a dot, dash or slash (`10.0.19041.1234`, `2024-01-15`).
const before = String.raw`(?<![\w+.\-/\\])`;
const after = String.raw`(?!\w|[.\-/]\d)`;

/** `+` or `00`, a country code, then digits and separators; validated below. */
const internationalPattern = new RegExp(String.raw`${before}(\+|00)[1-9][\d ().\-]{5,22}\d${after}`, 'g');
/** North American 3-3-4 with area code and exchange starting 2-9: `(415) 555-1234`, `1-800-555-0199`. */
const northAmericanPattern = new RegExp(
  String.raw`${before}(?:1[ .\-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .\-])[2-9]\d{2}[ .\-]\d{4}${after}`,
  'g',
);
/** National numbers with a trunk `0` and a separator after the area code: `020 7946 0958`, `01 23 45 67 89`. */
const trunkPattern = new RegExp(
  String.raw`${before}(?:\(0\d{1,4}\) ?|0\d{1,4}[ .\-/])\d{2,8}(?:[ .\-]\d{2,8}){0,3}${after}`,
  'g',
);
/** A parenthesised area code without trunk prefix: `(11) 91234-5678`. */
const parenthesisedAreaPattern = new RegExp(
  String.raw`${before}\(\d{2,3}\) ?\d{4,5}[ .\-]?\d{4}${after}`,
  'g',
);

// A date with a four-digit year, possibly followed by a time (`01.02.2024 12 30`). Two-digit-year dates
// are too short to pass the digit counts, and `06.12.34.56.78` is a French number, not a date.
const datePrefix = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)/;

function countDigits(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

function hasSeparator(text: string): boolean {
  return /[ ().\-/]/.test(text);
}

function isInternationalNumber(candidate: string, match: RegExpExecArray): boolean {
  const body = candidate.slice((match[1] as string).length);
  const digits = countDigits(body.replace('(0)', ''));
  if (digits < 8 || digits > 15 || !/\d\d/.test(body)) return false;
  if (match[1] === '00' && !hasSeparator(body)) return false;
  if (/[ .-]{2}|\.[ -]|[ -]\./.test(body) || datePrefix.test(body)) return false;
  const opening = body.split('(').length - 1;
  const closing = body.split(')').length - 1;
  if (opening !== closing || opening > 1 || (opening === 1 && !/\(\d{1,4}\)/.test(body))) return false;
  // Dotted groups of one digit are versions or addresses (`+1.2.3.4.5.6.7.8`), not numbers.
  return !(body.includes('.') && /(?:^|\.)\d(?:\.|$)/.test(body));
}

function isTrunkNumber(candidate: string): boolean {
  const digits = countDigits(candidate);
  return digits >= 9 && digits <= 12 && !datePrefix.test(candidate.replace(/^\(/, ''));
}

function isParenthesisedNumber(candidate: string): boolean {
  const digits = countDigits(candidate);
  return digits >= 10 && digits <= 11;
}

function collect(
  text: string,
  pattern: RegExp,
  rule: string,
  accept: (candidate: string, match: RegExpExecArray) => boolean,
  matches: PiiMatch[],
): void {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (accept(match[0], match)) {
      matches.push({ start: match.index, end: match.index + match[0].length, type: 'phone', rule });
    }
  }
}

/**
 * Phone numbers in four shapes: international (`+44 20 7946 0958`, `+14155551234`, `0044 20 7946 0958`;
 * 8-15 digits), North American (`(415) 555-1234`), national with a trunk 0 (`020 7946 0958`,
 * `06.12.34.56.78`; 9-12 digits) and a parenthesised area code (`(11) 91234-5678`).
 * A national number needs separators, so a plain run of digits (an order id, a timestamp) is never a
 * phone number; dates, times, versions, IP addresses and decimals are excluded by shape.
 * Not found: national numbers without a trunk 0 or North American shape (`912 345 678` in Spain),
 * and seven-digit local numbers (`555-1234`).
 * @example detectPhoneNumbers('call +1 415 555 0100') // [{ start: 5, end: 20, type: 'phone', ... }]
 */
export function detectPhoneNumbers(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  // indexOf is much cheaper than a scan by a pattern that cannot start without these characters.
  if (text.indexOf('+') !== -1 || text.indexOf('00') !== -1) {
    collect(text, internationalPattern, 'international', isInternationalNumber, matches);
  }
  collect(text, northAmericanPattern, 'north-american', () => true, matches);
  if (text.indexOf('0') !== -1) collect(text, trunkPattern, 'national-trunk', isTrunkNumber, matches);
  if (text.indexOf('(') !== -1)
    collect(text, parenthesisedAreaPattern, 'parenthesised-area', isParenthesisedNumber, matches);
  return matches;
}

/** The built-in `phone` detector. */
export const phoneNumberDetector: PiiDetector = {
  type: 'phone',
  minimumLength: 9,
  trigger: hasDigitRun,
  detect: detectPhoneNumbers,
};
