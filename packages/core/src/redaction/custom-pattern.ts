import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import { findNestedQuantifier } from './find-nested-quantifier.js';
import type { PiiDetector, PiiMatch } from './pii-match.js';
import { always } from './text-triggers.js';

/**
 * Custom patterns run on windows of at most this many characters, overlapping by
 * `customPatternWindowOverlap`. Bounding the input bounds the time a slow (polynomially
 * backtracking) pattern can take on one string to about its length times the window. A match longer
 * than the overlap that straddles a window boundary may be found only in part, and with the `m` flag
 * `^` and `$` also match at window edges.
 */
export const customPatternWindowLength = 2048;
export const customPatternWindowOverlap = 256;

/** The names of the built-in detectors; a custom pattern may not reuse one. */
export const builtInDetectorTypes = ['email', 'phone', 'card', 'iban', 'secret'] as const;
/** `email`, `phone`, `card`, `iban` or `secret`. */
export type BuiltInDetectorType = (typeof builtInDetectorTypes)[number];

/** A user-defined pattern: its name becomes the placeholder type, e.g. `[REDACTED:employee_id]`. */
export const customPatternSchema = z.object({
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,39}$/,
      'a pattern name is 1-40 lowercase letters, digits or _, starting with a letter',
    ),
  /** JavaScript regular-expression source, e.g. `EMP-\\d{6}`. */
  pattern: z.string().min(1).max(1000),
  /** Any of `i`, `m`, `s`, `u`, `v`; `g` and `y` are accepted and ignored (every match is redacted). */
  flags: z
    .string()
    .regex(/^[gimsuyv]*$/, 'flags may only contain g, i, m, s, u, v, y')
    .default(''),
});
/** A parsed custom pattern (flags defaulted to none). */
export type CustomPattern = z.infer<typeof customPatternSchema>;

// Strings that a pattern matching "nothing" would match with zero width somewhere.
const emptyMatchProbes = ['', ' ', 'a', 'A1 b2-c3.d@e_f\n'];

function matchesEmpty(regex: RegExp): boolean {
  for (const probe of emptyMatchProbes) {
    regex.lastIndex = 0;
    for (let match = regex.exec(probe); match !== null; match = regex.exec(probe)) {
      if (match[0].length === 0) return true;
    }
  }
  return false;
}

function findAll(regex: RegExp, text: string, offset: number, type: string, matches: PiiMatch[]): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    // A pattern that slipped past validation and matches nothing here is skipped, not looped on.
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    matches.push({ start: offset + match.index, end: offset + match.index + match[0].length, type });
  }
}

function detectInWindows(regex: RegExp, text: string, type: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  if (text.length <= customPatternWindowLength) {
    findAll(regex, text, 0, type, matches);
    return matches;
  }
  const step = customPatternWindowLength - customPatternWindowOverlap;
  for (let start = 0; start < text.length; start += step) {
    findAll(regex, text.slice(start, start + customPatternWindowLength), start, type, matches);
    if (start + customPatternWindowLength >= text.length) break;
  }
  return matches;
}

/**
 * Compiles a custom pattern into a detector, or says what is wrong with it: an invalid regular
 * expression, a pattern that matches the empty string, or a nested repeat that can backtrack
 * exponentially (`(a+)+`). Errors name the pattern.
 * @example compileCustomPattern({ name: 'employee_id', pattern: 'EMP-\\d{6}', flags: '' })
 */
export function compileCustomPattern(custom: CustomPattern): Result<PiiDetector> {
  const flags = `${custom.flags.replace(/[gyd]/g, '')}g`;
  let regex: RegExp;
  try {
    regex = new RegExp(custom.pattern, flags);
  } catch (error) {
    return fail(
      `custom pattern '${custom.name}' is not a valid regular expression: ${(error as Error).message}; fix its source or flags`,
    );
  }
  if (matchesEmpty(regex)) {
    return fail(
      `custom pattern '${custom.name}' (/${custom.pattern}/) matches the empty string, so it would match between any two characters; make it require at least one character (e.g. + instead of *)`,
    );
  }
  const trap = findNestedQuantifier(custom.pattern);
  if (trap !== null) {
    return fail(
      `custom pattern '${custom.name}' repeats a group that itself repeats (${trap}), which can take exponential time; bound the outer repeat (e.g. {1,5}) or make each repetition start with a fixed character`,
    );
  }
  return ok({
    type: custom.name,
    minimumLength: 1,
    trigger: always,
    detect: (text) => detectInWindows(regex, text, custom.name),
  });
}
