import { z } from 'zod';
import { fail, ok, type Result } from '../../result.js';
import { quoteText } from '../evaluation-values.js';

/**
 * A judge replied with something that holds no usable verdict. It is an evaluation failure (recorded
 * apart from scores), never a score of 0; the message quotes the reply so the judge prompt can be fixed.
 */
export class JudgeVerdictError extends Error {
  readonly reply: string;

  constructor(message: string, reply: string) {
    super(`${message}; the judge replied ${quoteText(reply.trim(), 160)}`);
    this.name = 'JudgeVerdictError';
    this.reply = reply;
  }
}

/**
 * The JSON objects in a model's reply, outermost first: models wrap JSON in code fences, put prose around
 * it, or write several objects. Strings are scanned so braces inside them do not count.
 */
export function jsonObjectsIn(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  let start = text.indexOf('{');
  while (start !== -1) {
    const end = matchingBrace(text, start);
    if (end === -1) break;
    const parsed = tryParse(text.slice(start, end + 1));
    if (parsed) {
      objects.push(parsed);
      start = text.indexOf('{', end + 1);
    } else {
      start = text.indexOf('{', start + 1);
    }
  }
  return objects;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return index;
  }
  return -1;
}

function tryParse(candidate: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(candidate);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const reasoning = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? value.trim() : undefined))
  .optional();

/** A number, or a string holding one ("4", "4/5"), as models write scores. */
const numeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?(\s*\/\s*\d+)?\s*$/)
    .transform((value) => Number.parseFloat(value)),
]);

/** A pointwise verdict: a score on the judge's scale and the reasoning behind it. */
export interface ScoreVerdict {
  score: number;
  reasoning?: string;
}

/**
 * Reads `{"score": n, "reasoning": "..."}` from a reply; failing that, a line such as `Score: 4` or
 * `Rating: 4/5`. The score must lie on the scale: a 7 on a 1-5 scale is an error, not a clamp.
 */
export function parseScoreVerdict(
  reply: string,
  scale: { min: number; max: number },
): Result<ScoreVerdict, string> {
  const shape = z.object({ score: numeric, reasoning });
  const fromJson = jsonObjectsIn(reply)
    .map((object) => shape.safeParse(lowerKeys(object)))
    .find((parsed) => parsed.success);
  let verdict: ScoreVerdict | undefined = fromJson?.success
    ? { score: fromJson.data.score, reasoning: fromJson.data.reasoning }
    : undefined;
  if (!verdict) {
    const line = /\b(?:score|rating)\s*[:=]\s*\**\s*(-?\d+(?:\.\d+)?)/i.exec(reply);
    if (line?.[1] !== undefined) verdict = { score: Number.parseFloat(line[1]), reasoning: reply.trim() };
  }
  const expected = `expected JSON like {"reasoning": "...", "score": <${scale.min}-${scale.max}>}`;
  if (!verdict) return fail(`the judge's reply has no score (${expected})`);
  if (verdict.score < scale.min || verdict.score > scale.max) {
    return fail(`the judge's score ${verdict.score} is outside its scale ${scale.min}-${scale.max}`);
  }
  return ok(verdict);
}

/** A yes/no verdict (is this claim supported, is this document relevant). */
export interface BinaryVerdict {
  verdict: boolean;
  reasoning?: string;
}

const yesNo = z.union([z.boolean(), z.string()]).transform((value, context) => {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (['yes', 'true', 'supported', 'relevant'].includes(word)) return true;
  if (['no', 'false', 'unsupported', 'not supported', 'irrelevant', 'not relevant'].includes(word)) {
    return false;
  }
  context.addIssue({ code: 'custom', message: `'${value}' is not yes or no` });
  return z.NEVER;
});

/** Reads `{"verdict": "yes" | "no", "reasoning": "..."}`; failing that, a reply that starts with yes or no. */
export function parseBinaryVerdict(reply: string): Result<BinaryVerdict, string> {
  const shape = z.object({ verdict: yesNo, reasoning });
  for (const object of jsonObjectsIn(reply)) {
    const parsed = shape.safeParse(lowerKeys(object));
    if (parsed.success) return ok({ verdict: parsed.data.verdict, reasoning: parsed.data.reasoning });
  }
  const leading = /^\W*(yes|no)\b/i.exec(reply.trim());
  if (leading?.[1]) return ok({ verdict: leading[1].toLowerCase() === 'yes', reasoning: reply.trim() });
  return fail(
    `the judge's reply has no yes/no verdict (expected JSON like {"reasoning": "...", "verdict": "yes"})`,
  );
}

/** A pairwise preference between the two answers as the judge saw them. */
export interface PreferenceVerdict {
  winner: 'A' | 'B' | 'tie';
  reasoning?: string;
}

/** Reads `{"winner": "A" | "B" | "tie", "reasoning": "..."}`; failing that, a line such as `Winner: B`. */
export function parsePreferenceVerdict(reply: string): Result<PreferenceVerdict, string> {
  const winner = z
    .string()
    .transform((value) =>
      value
        .trim()
        .replace(/^answer\s+/i, '')
        .toUpperCase(),
    )
    .pipe(z.enum(['A', 'B', 'TIE']))
    .transform((value) => (value === 'TIE' ? 'tie' : value) as PreferenceVerdict['winner']);
  const shape = z.object({ winner, reasoning });
  for (const object of jsonObjectsIn(reply)) {
    const parsed = shape.safeParse(lowerKeys(object));
    if (parsed.success) return ok({ winner: parsed.data.winner, reasoning: parsed.data.reasoning });
  }
  const line = /\b(?:winner|better answer|preferred)\s*[:=]\s*\**\s*(?:answer\s+)?(A|B|tie)\b/i.exec(reply);
  if (line?.[1]) {
    const value = line[1].toUpperCase();
    return ok({ winner: value === 'TIE' ? 'tie' : (value as 'A' | 'B'), reasoning: reply.trim() });
  }
  return fail(
    `the judge's reply names no winner (expected JSON like {"reasoning": "...", "winner": "A" | "B" | "tie"})`,
  );
}

/** The claims a judge split an answer into: `{"claims": ["...", ...]}`. An empty list is valid. */
export function parseClaims(reply: string): Result<string[], string> {
  const shape = z.object({ claims: z.array(z.string()) });
  for (const object of jsonObjectsIn(reply)) {
    const parsed = shape.safeParse(lowerKeys(object));
    if (parsed.success) return ok(parsed.data.claims.map((claim) => claim.trim()).filter(Boolean));
  }
  return fail(`the judge's reply has no list of claims (expected JSON like {"claims": ["...", "..."]})`);
}

function lowerKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
}
