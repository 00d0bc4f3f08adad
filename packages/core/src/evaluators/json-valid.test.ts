import { describe, expect, it } from 'vitest';
import { jsonValid } from './json-valid.js';

describe('jsonValid', () => {
  it('accepts JSON text and structured outputs', async () => {
    const evaluator = jsonValid();
    for (const output of [
      '{"a": [1, 2.5, null, true]}',
      '"just a string"',
      ' 3 ',
      { a: 1 },
      [1, 'x'],
      0,
      null,
    ]) {
      expect((await evaluator.evaluate({ output })).score, JSON.stringify(output)).toBe(1);
    }
  });

  it("quotes the parser's complaint and the text around it", async () => {
    const output = `{"answer": "${'x'.repeat(40)}", "city": "Paris",}`;
    const result = await jsonValid().evaluate({ output });
    expect(result).toMatchObject({ score: 0, passed: false });
    // V8 names position 71, the closing brace after the trailing comma; 20 characters each side are quoted.
    expect(result.explanation).toMatch(
      /^output is not valid JSON: .*position 71.*; near "x\\", \\"city\\": \\"Paris\\",}"$/,
    );
  });

  it('rejects empty output, undefined, NaN, cycles and class instances', async () => {
    const evaluator = jsonValid();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const output of [
      '',
      '   ',
      undefined,
      Number.NaN,
      cyclic,
      new Date(0),
      { nested: [Number.POSITIVE_INFINITY] },
    ]) {
      expect((await evaluator.evaluate({ output })).score).toBe(0);
    }
    expect((await evaluator.evaluate({ output: '' })).explanation).toBe('output is empty, not JSON');
  });

  it('accepts a Markdown code fence only when allowed, and says when one is the problem', async () => {
    const fenced = '```json\n{"ok": true}\n```';
    const strict = await jsonValid().evaluate({ output: fenced });
    expect(strict.explanation).toMatch(
      /^output is not valid JSON \(it is wrapped in a Markdown code fence\)/,
    );
    expect((await jsonValid({ allowCodeFence: true }).evaluate({ output: fenced })).score).toBe(1);
    expect((await jsonValid({ allowCodeFence: true }).evaluate({ output: '```\n[1]\n```\n' })).score).toBe(1);
  });

  it('handles unicode and escapes', async () => {
    expect((await jsonValid().evaluate({ output: '{"emoji": "😀", "escaped": "\\u00e9\\n"}' })).score).toBe(
      1,
    );
    expect((await jsonValid().evaluate({ output: "{'single': 'quotes'}" })).score).toBe(0);
  });
});
