import { describe, expect, it } from 'vitest';
import { equals } from './equals.js';

describe('equals', () => {
  it('compares text exactly by default and says where the output first differs', async () => {
    const evaluator = equals();
    expect(
      await evaluator.evaluate({ output: 'Refunds within 30 days.', expected: 'Refunds within 30 days.' }),
    ).toEqual({
      score: 1,
      passed: true,
    });
    const result = await evaluator.evaluate({
      output: 'Refunds within 14 days.',
      expected: 'Refunds within 30 days.',
    });
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.explanation).toBe(
      'output differs from expected at character 16: expected …"ds within 30 days." but got …"ds within 14 days."',
    );
  });

  it('reports a truncated or overlong output', async () => {
    const short = await equals().evaluate({ output: 'Paris', expected: 'Paris, France' });
    expect(short.explanation).toBe(
      'output stops at character 6; expected it to continue with "Paris, France"',
    );
    const long = await equals().evaluate({ output: 'Paris!!', expected: 'Paris' });
    expect(long.explanation).toBe('output has extra text from character 6: "Paris!!"');
  });

  it('ignores case and surrounding whitespace only when asked', async () => {
    const loose = equals({ ignoreCase: true, trim: true });
    expect((await loose.evaluate({ output: '  PARIS\n', expected: 'paris' })).score).toBe(1);
    expect((await equals().evaluate({ output: '  PARIS\n', expected: 'paris' })).score).toBe(0);
    expect((await equals({ trim: true }).evaluate({ output: ' PARIS ', expected: 'paris' })).score).toBe(0);
    expect(loose.description).toBe('output equals the expected text (case-insensitive, trimmed)');
  });

  it('accepts any of a list of answers and uses a fixed value over the item', async () => {
    const result = await equals().evaluate({ output: 'yes', expected: ['Yes', 'yes', 'Y'] });
    expect(result.score).toBe(1);
    const miss = await equals().evaluate({ output: 'no', expected: ['Yes', 'Y'] });
    expect(miss.explanation).toBe('output "no" matches none of the 2 accepted answers: "Yes", "Y"');
    expect((await equals({ value: 'fixed' }).evaluate({ output: 'fixed', expected: 'other' })).score).toBe(1);
  });

  it('compares unicode by code point and non-string outputs by their text', async () => {
    expect((await equals().evaluate({ output: 'café ☕', expected: 'café ☕' })).score).toBe(1);
    const emoji = await equals().evaluate({ output: '👍🏽 ok', expected: '👍🏽 no' });
    expect(emoji.explanation).toContain('at character 4');
    expect((await equals().evaluate({ output: 42, expected: '42' })).score).toBe(1);
    expect((await equals().evaluate({ output: null, expected: '' })).score).toBe(1);
    expect((await equals().evaluate({ output: { type: 'text', text: 'hi' }, expected: 'hi' })).score).toBe(1);
  });

  it('compares JSON deep-equal ignoring key order, and names the differing path', async () => {
    const evaluator = equals({ compare: 'json' });
    expect(
      (
        await evaluator.evaluate({
          output: '{"b": [1, 2], "a": {"x": null}}',
          expected: { a: { x: null }, b: [1, 2] },
        })
      ).score,
    ).toBe(1);
    expect((await evaluator.evaluate({ output: { a: 1 }, expected: '{"a": 1}' })).score).toBe(1);
    const wrong = await evaluator.evaluate({
      output: '{"filters": [{"field": "day"}]}',
      expected: { filters: [{ field: 'date' }] },
    });
    expect(wrong.explanation).toBe(
      'output JSON differs from expected at $.filters[0].field: expected "date", got "day"',
    );
    const extra = await evaluator.evaluate({ output: { a: 1, b: 2 }, expected: { a: 1 } });
    expect(extra.explanation).toBe("output JSON differs from expected at $: unexpected key 'b'");
    const broken = await evaluator.evaluate({ output: '{"a": 1', expected: { a: 1 } });
    expect(broken).toMatchObject({ score: 0, passed: false });
    expect(broken.explanation).toMatch(/^output is not valid JSON \(.+\): "\{\\"a\\": 1"$/);
  });

  it('refuses to score without something to compare with', () => {
    expect(() => equals().evaluate({ output: 'x' })).toThrow(/equals needs a reference/);
    expect(() => equals({ compare: 'json' }).evaluate({ output: '1' })).toThrow(/needs an expected value/);
    expect(() => equals({ compare: 'json' }).evaluate({ output: '1', expected: '{' })).toThrow(
      /expected value is not valid JSON/,
    );
  });
});
