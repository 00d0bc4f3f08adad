import { describe, expect, it } from 'vitest';
import { regex } from './regex.js';

describe('regex', () => {
  it('passes when the pattern occurs and shows the output when it does not', async () => {
    const isoDate = regex({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(await isoDate.evaluate({ output: '2026-01-31' })).toMatchObject({
      score: 1,
      passed: true,
      details: { match: '2026-01-31' },
    });
    const result = await isoDate.evaluate({ output: '31/01/2026' });
    expect(result).toEqual({
      score: 0,
      passed: false,
      explanation: 'output does not match /^\\d{4}-\\d{2}-\\d{2}$/; output: "31/01/2026"',
    });
  });

  it('fails "no-match" mode on a forbidden pattern, giving its position in characters', async () => {
    const noEmail = regex({ pattern: /[\w.]+@[\w.]+/u, mode: 'no-match' });
    expect((await noEmail.evaluate({ output: 'call us' })).score).toBe(1);
    const leaked = await noEmail.evaluate({ output: '📧 mail ann@example.com' });
    expect(leaked.explanation).toBe(
      'output matches forbidden /[\\w.]+@[\\w.]+/u at character 8: "ann@example.com"',
    );
  });

  it('is stateless even with a global pattern and honours flags', async () => {
    const evaluator = regex({ pattern: /refund/gi });
    for (let run = 0; run < 3; run++)
      expect((await evaluator.evaluate({ output: 'REFUND now' })).score).toBe(1);
    expect(evaluator.settings).toEqual({ pattern: 'refund', flags: 'i', mode: 'match' });
    expect((await regex({ pattern: 'a.b', flags: 's' }).evaluate({ output: 'a\nb' })).score).toBe(1);
  });

  it('matches against the text of non-string outputs and rejects a broken pattern when created', async () => {
    expect((await regex({ pattern: '^\\d+$' }).evaluate({ output: 1234 })).score).toBe(1);
    expect((await regex({ pattern: '^$' }).evaluate({ output: undefined })).score).toBe(1);
    expect(() => regex({ pattern: '(unclosed' })).toThrow(/regex: invalid regular expression \/\(unclosed\//);
  });
});
