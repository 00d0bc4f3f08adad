import type { PiiDetector, PiiMatch } from './pii-match.js';
import { hasDigitRun } from './text-triggers.js';

// 13-19 digits, each optionally preceded by one space or dash. Not inside a word or after a dot
// (so never the decimals of a float such as 0.4111111111111111).
const candidatePattern = /(?<![\w.])\d(?:[ -]?\d){12,18}(?!\w|\.\d)/g;

/** Issuer prefixes (IIN ranges) and the lengths their cards have. */
const issuers: ReadonlyArray<{ name: string; prefix: RegExp; lengths: readonly number[] }> = [
  { name: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { name: 'mastercard', prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { name: 'american-express', prefix: /^3[47]/, lengths: [15] },
  { name: 'diners-club', prefix: /^(?:30[0-5]|3095|36|38|39)/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'discover', prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'jcb', prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] },
  { name: 'unionpay', prefix: /^62/, lengths: [16, 17, 18, 19] },
  { name: 'mir', prefix: /^220[0-4]/, lengths: [16, 17, 18, 19] },
  { name: 'maestro', prefix: /^(?:5[06-8]|6\d)/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

/**
 * True when the digits pass the Luhn (mod 10) check used by every payment card number.
 * @example isLuhnValid('4111111111111111') // true
 */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let value = digits.charCodeAt(index) - 48;
    if (value < 0 || value > 9) return false;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The issuer whose prefix and length fit the digits, or null. */
export function cardIssuer(digits: string): string | null {
  for (const issuer of issuers) {
    if (issuer.prefix.test(digits) && issuer.lengths.includes(digits.length)) return issuer.name;
  }
  return null;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardIssuer(digits) !== null && isLuhnValid(digits);
}

/**
 * Grouped candidates use one kind of separator, start with a group of four and have groups of at most
 * six (4-4-4-4, 4-6-5, 4-4-4-4-3). When the whole candidate fails, shorter prefixes that end on a
 * group boundary are tried, so a card followed by another number (`4111 1111 1111 1111 202`) is found.
 */
function cardLength(candidate: string): number {
  const separators = candidate.match(/[ -]/g);
  if (!separators) return isCardNumber(candidate) ? candidate.length : 0;
  if (separators.some((separator) => separator !== separators[0])) return 0;
  const groups = candidate.split(separators[0] as string);
  if ((groups[0] as string).length !== 4 || groups.some((group) => group.length > 6)) return 0;
  for (let count = groups.length; count >= 2; count--) {
    const kept = groups.slice(0, count);
    if (isCardNumber(kept.join(''))) return kept.join(' ').length;
  }
  return 0;
}

/**
 * Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, with a known issuer
 * prefix and length, that pass the Luhn check.
 * @example detectCardNumbers('card 4111 1111 1111 1111') // [{ start: 5, end: 24, type: 'card', ... }]
 */
export function detectCardNumbers(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  candidatePattern.lastIndex = 0;
  for (let match = candidatePattern.exec(text); match !== null; match = candidatePattern.exec(text)) {
    const length = cardLength(match[0]);
    if (length === 0) {
      // A number just before the card (`qty 2 4111 1111 1111 1111`) spoils the candidate: retry
      // from the next group.
      const separator = match[0].search(/[ -]/);
      if (separator !== -1) candidatePattern.lastIndex = match.index + separator + 1;
      continue;
    }
    const digits = match[0].slice(0, length).replace(/[ -]/g, '');
    matches.push({
      start: match.index,
      end: match.index + length,
      type: 'card',
      rule: cardIssuer(digits) ?? 'card',
    });
  }
  return matches;
}

/** The built-in `card` detector. */
export const cardNumberDetector: PiiDetector = {
  type: 'card',
  minimumLength: 13,
  trigger: hasDigitRun,
  detect: detectCardNumbers,
};
