// Cheap necessary conditions for the secret rules. A single case-insensitive regular expression over
// all key prefixes and keywords costs about 3 µs per kilobyte; scanning with indexOf for the rare
// characters each secret contains ('_', '-', 'J', 'A', 'B', ':', '=') and checking a few neighbours
// costs a small fraction of that. Each rule belongs to one family; only fired families run.

/** Families of secret rules, as bit flags. */
export const secretFamily = {
  /** `sk-`, `xoxb-`, `-----BEGIN`. */
  dash: 1,
  /** `ghp_`, `github_pat_`, `sk_live_`, `hf_`. */
  underscore: 2,
  /** `eyJ` (JWT). */
  jwt: 4,
  /** `AKIA`, `ASIA`, `AIza`. */
  capitalA: 8,
  /** `Bearer `. */
  bearer: 16,
  /** `scheme://user:password@`. */
  url: 32,
  /** `password=`, `"api_key": `, `Authorization:`, `token=`. */
  assignment: 64,
} as const;

const keywordAtEnd = /(?:passw(?:or)?d|passphrase|secret|key|credentials?|token|authorization)$/i;

// Last three letters (lowercased) of the keywords above, packed into one number.
const keywordEndings = new Set(
  ['ord', 'swd', 'ase', 'ret', 'key', 'ial', 'als', 'ken', 'ion'].map((ending) => pack(ending, 0, 3)),
);

function pack(text: string, start: number, end: number): number {
  let packed = 0;
  for (let index = start; index < end; index++) packed = packed * 128 + (text.charCodeAt(index) | 0x20);
  return packed;
}

// Whitespace, quotes and backslashes may sit between a key and its separator (`"password" :`, `\"key\":`).
function isQuoteOrSpace(code: number): boolean {
  return code === 32 || code === 34 || code === 39 || code === 92 || code === 9;
}

function followsKeyword(text: string, separator: number): boolean {
  let end = separator;
  while (end > 0 && isQuoteOrSpace(text.charCodeAt(end - 1))) end--;
  if (end < 3 || !keywordEndings.has(pack(text, end - 3, end))) return false;
  return keywordAtEnd.test(text.slice(Math.max(0, end - 13), end));
}

const underscorePrefix = /(?:[sr]k|gh[pousr]|hf|pat)$/;
const awsPrefix = /^A(?:KIA|SIA|BIA|CCA|Iza)/;

// The checks below are plain loops rather than helpers taking callbacks: this runs on every string
// of every span, and closures would allocate on each call.

function hasDashPrefix(text: string): boolean {
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) {
    if (text.startsWith('sk', at - 2) || text.startsWith('xox', at - 4) || text.startsWith('----', at + 1))
      return true;
  }
  return false;
}

function hasUnderscorePrefix(text: string): boolean {
  for (let at = text.indexOf('_'); at !== -1; at = text.indexOf('_', at + 1)) {
    if (at >= 2 && underscorePrefix.test(text.slice(Math.max(0, at - 3), at))) return true;
  }
  return false;
}

function hasJwtPrefix(text: string): boolean {
  for (let at = text.indexOf('J'); at !== -1; at = text.indexOf('J', at + 1)) {
    if (text.startsWith('ey', at - 2)) return true;
  }
  return false;
}

function hasAwsOrGooglePrefix(text: string): boolean {
  for (let at = text.indexOf('A'); at !== -1; at = text.indexOf('A', at + 1)) {
    if (awsPrefix.test(text.slice(at, at + 4))) return true;
  }
  return false;
}

// Only the capitalised forms: a lowercase "bearer" token is still found after `authorization:`.
function hasBearer(text: string): boolean {
  for (let at = text.indexOf('B'); at !== -1; at = text.indexOf('B', at + 1)) {
    if (text.startsWith('earer', at + 1) || text.startsWith('EARER', at + 1)) return true;
  }
  return false;
}

function hasKeywordAssignment(text: string, separator: string): boolean {
  for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) {
    if (followsKeyword(text, at)) return true;
  }
  return false;
}

/** The families of secret rules that may match the text, as a bit mask; 0 when none can. */
export function secretFamilies(text: string): number {
  let families = 0;
  if (hasDashPrefix(text)) families |= secretFamily.dash;
  if (hasUnderscorePrefix(text)) families |= secretFamily.underscore;
  if (hasJwtPrefix(text)) families |= secretFamily.jwt;
  if (hasAwsOrGooglePrefix(text)) families |= secretFamily.capitalA;
  if (hasBearer(text)) families |= secretFamily.bearer;
  if (text.includes('://')) families |= secretFamily.url;
  if (hasKeywordAssignment(text, ':') || hasKeywordAssignment(text, '=')) families |= secretFamily.assignment;
  return families;
}
