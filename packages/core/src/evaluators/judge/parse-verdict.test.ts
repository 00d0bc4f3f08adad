import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  jsonObjectsIn,
  parseBinaryVerdict,
  parseClaims,
  parsePreferenceVerdict,
  parseScoreVerdict,
} from './parse-verdict.js';

// Hand-written replies (see the fixture's _note); recorded replies are tested in @sextant/providers.
const replies = JSON.parse(
  fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__/hand-written-verdicts.json'),
    'utf8',
  ),
) as Record<string, Record<string, string>>;
const scale = { min: 1, max: 5 };

describe('judge verdict parsing', () => {
  it('finds JSON objects in fences and prose, skipping braces that are not JSON', () => {
    expect(jsonObjectsIn(replies.score!.prose!)).toEqual([{ reasoning: 'Polite, vague.', score: '2' }]);
    expect(jsonObjectsIn('a {"x": "}"} b {"y": 1}')).toEqual([{ x: '}' }, { y: 1 }]);
    expect(jsonObjectsIn('no json {here')).toEqual([]);
  });

  it('reads scores from every shape capable judges write', () => {
    expect(parseScoreVerdict(replies.score!.bare!, scale)).toEqual({
      success: true,
      value: { score: 5, reasoning: 'Correct and complete, cites the refund window.' },
    });
    expect(parseScoreVerdict(replies.score!.fenced!, scale)).toMatchObject({ value: { score: 3 } });
    expect(parseScoreVerdict(replies.score!.prose!, scale)).toMatchObject({ value: { score: 2 } });
    expect(parseScoreVerdict(replies.score!.line!, scale)).toMatchObject({ value: { score: 4 } });
    expect(parseScoreVerdict(replies.score!.capitalised!, scale)).toMatchObject({
      value: { score: 4, reasoning: 'Accurate.' },
    });
  });

  it('rejects a score off the scale and a reply without one, saying what was expected', () => {
    expect(parseScoreVerdict(replies.score!.out_of_scale!, scale)).toEqual({
      success: false,
      error: "the judge's score 7 is outside its scale 1-5",
    });
    const missing = parseScoreVerdict(replies.score!.no_verdict!, scale);
    expect(missing.success).toBe(false);
    expect(!missing.success && missing.error).toMatch(
      /no score \(expected JSON like \{"reasoning": "\.\.\.", "score": <1-5>\}\)/,
    );
  });

  it('reads yes/no verdicts and refuses anything else', () => {
    expect(parseBinaryVerdict(replies.binary!.yes!)).toMatchObject({ value: { verdict: true } });
    expect(parseBinaryVerdict(replies.binary!.no_fenced!)).toMatchObject({ value: { verdict: false } });
    expect(parseBinaryVerdict(replies.binary!.leading_word!)).toMatchObject({ value: { verdict: false } });
    expect(parseBinaryVerdict(replies.binary!.unclear!).success).toBe(false);
  });

  it('reads pairwise winners and claim lists', () => {
    expect(parsePreferenceVerdict(replies.preference!.a!)).toMatchObject({ value: { winner: 'A' } });
    expect(parsePreferenceVerdict(replies.preference!.b_words!)).toMatchObject({ value: { winner: 'B' } });
    expect(parsePreferenceVerdict(replies.preference!.tie!)).toMatchObject({ value: { winner: 'tie' } });
    expect(parsePreferenceVerdict(replies.preference!.line!)).toMatchObject({ value: { winner: 'B' } });
    expect(parsePreferenceVerdict('A is nice').success).toBe(false);
    expect(parseClaims(replies.claims!.two!)).toEqual({
      success: true,
      value: ['Refunds are accepted within 30 days.', 'Refunds require a receipt.'],
    });
    expect(parseClaims(replies.claims!.none!)).toEqual({ success: true, value: [] });
    expect(parseClaims('{"claims": "one"}').success).toBe(false);
  });
});
