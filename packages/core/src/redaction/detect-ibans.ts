import type { PiiDetector, PiiMatch } from './pii-match.js';
import { hasDigitPair } from './text-triggers.js';

/** IBAN length per country, from the SWIFT IBAN registry (ISO 13616). */
const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

// Country code and check digits, not inside a word. The BBAN after it is read by hand (below),
// because its length depends on the country.
const anchorPattern = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}/g;

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * True when the IBAN (spaces allowed, any case) has its country's length and passes the ISO 13616
 * mod-97 check. The BBAN's per-country structure (which positions are letters) is not checked.
 * @example isValidIban('GB82 WEST 1234 5698 7654 32') // true
 */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact) || ibanLengths[compact.slice(0, 2)] !== compact.length) {
    return false;
  }
  const checkDigits = Number(compact.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let index = 0; index < rearranged.length; index++) {
    const code = rearranged.charCodeAt(index);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder === 1;
}

/**
 * End of the BBAN that starts at `start`: exactly `length` letters or digits, single spaces allowed
 * between them, not followed by another letter or digit. -1 when the text does not have that shape.
 */
function bbanEnd(text: string, start: number, length: number): number {
  let position = start;
  let read = 0;
  while (read < length && position < text.length) {
    const code = text.charCodeAt(position);
    if (isAlphanumeric(code)) {
      read++;
      position++;
    } else if (code === 32 && read > 0 && isAlphanumeric(text.charCodeAt(position + 1))) {
      position++;
    } else {
      return -1;
    }
  }
  if (read < length || isAlphanumeric(text.charCodeAt(position))) return -1;
  return position;
}

/**
 * IBANs, compact (`DE89370400440532013000`) or printed in groups (`DE89 3704 0044 0532 0130 00`),
 * of a registered country, with that country's length and a valid mod-97 check.
 * @example detectIbans('IBAN GB82 WEST 1234 5698 7654 32') // [{ start: 5, end: 32, type: 'iban' }]
 */
export function detectIbans(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  anchorPattern.lastIndex = 0;
  for (let anchor = anchorPattern.exec(text); anchor !== null; anchor = anchorPattern.exec(text)) {
    const length = ibanLengths[anchor[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    const bbanStart = text.charCodeAt(anchor.index + 4) === 32 ? anchor.index + 5 : anchor.index + 4;
    const end = bbanEnd(text, bbanStart, length - 4);
    if (end !== -1 && isValidIban(text.slice(anchor.index, end))) {
      matches.push({ start: anchor.index, end, type: 'iban' });
      anchorPattern.lastIndex = end;
    }
  }
  return matches;
}

/** The built-in `iban` detector. */
export const ibanDetector: PiiDetector = {
  type: 'iban',
  minimumLength: 15,
  trigger: hasDigitPair,
  detect: detectIbans,
};
