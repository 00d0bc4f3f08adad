import type { PiiDetector, PiiMatch } from './pii-match.js';

// RFC 5321 limits; they also bound the work per '@' so scanning stays linear in the text length.
const maxLocalPartLength = 64;
const maxDomainLength = 253;

// File names such as `icon@2x.png` look like addresses; these endings are not top-level domains.
const fileExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'bmp', 'tif', 'tiff']);

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// Dot-atom characters people actually use; quotes and the rarer RFC 5322 symbols are left out
// so that a quote or bracket around an address stays outside the match.
function isLocalPartCharacter(code: number): boolean {
  return (
    isAsciiLetter(code) ||
    isAsciiDigit(code) ||
    code === 46 ||
    code === 95 ||
    code === 37 ||
    code === 43 ||
    code === 45
  );
}

function isDomainCharacter(code: number): boolean {
  return isAsciiLetter(code) || isAsciiDigit(code) || code === 46 || code === 45;
}

function localPartStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && at - start < maxLocalPartLength && isLocalPartCharacter(text.charCodeAt(start - 1)))
    start--;
  while (start < at && text.charCodeAt(start) === 46) start++;
  return start;
}

/** End of the longest valid domain after the '@', or -1 when there is none. */
function domainEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && end - at <= maxDomainLength && isDomainCharacter(text.charCodeAt(end))) end++;
  // A sentence may end right after the address ("write to ann@example.com.").
  while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
  const labels = text.slice(at + 1, end).split('.');
  if (labels.length < 2) return -1;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return -1;
  }
  const topLevel = labels[labels.length - 1] as string;
  const alphabetic = /^[A-Za-z]{2,63}$/.test(topLevel) || /^xn--[A-Za-z0-9-]+$/i.test(topLevel);
  if (!alphabetic || fileExtensions.has(topLevel.toLowerCase())) return -1;
  return end;
}

/**
 * E-mail addresses with an ASCII dot-atom local part and a dotted domain ending in an alphabetic
 * top-level domain. Anchored on each '@', so the cost is linear in the text length.
 * Not found: internationalised (non-ASCII) addresses, quoted local parts, `user@localhost`.
 * @example detectEmailAddresses('mail ann@example.com') // [{ start: 5, end: 20, type: 'email' }]
 */
export function detectEmailAddresses(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    const start = localPartStart(text, at);
    const end = start < at && text.charCodeAt(at - 1) !== 46 ? domainEnd(text, at) : -1;
    if (end !== -1) matches.push({ start, end, type: 'email' });
    at = text.indexOf('@', Math.max(at + 1, end));
  }
  return matches;
}

/** The built-in `email` detector. */
export const emailAddressDetector: PiiDetector = {
  type: 'email',
  minimumLength: 6,
  trigger: (text) => text.indexOf('@') !== -1,
  detect: detectEmailAddresses,
};
