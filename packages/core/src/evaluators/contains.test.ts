import { describe, expect, it } from 'vitest';
import { contains } from './contains.js';

describe('contains', () => {
  const output = 'You can get a refund within 30 days of purchase.';

  it('gives partial credit in "all" mode and lists what is missing', async () => {
    const result = await contains({ values: ['refund', '30 days', 'receipt'] }).evaluate({ output });
    expect(result.score).toBeCloseTo(2 / 3, 12);
    expect(result.passed).toBe(false);
    expect(result.explanation).toBe(`output lacks 1 of 3 required strings: "receipt"; output: "${output}"`);
    expect((await contains({ values: ['refund', '30 days'] }).evaluate({ output })).passed).toBe(true);
  });

  it('passes "any" on one hit and "none" only when no forbidden string occurs', async () => {
    expect(await contains({ values: ['voucher', 'refund'], mode: 'any' }).evaluate({ output })).toMatchObject(
      { score: 1, passed: true },
    );
    const none = await contains({ values: ['competitor', 'Refund'], mode: 'none' }).evaluate({ output });
    expect(none.score).toBe(1);
    const forbidden = await contains({ values: ['refund'], mode: 'none' }).evaluate({ output });
    expect(forbidden).toMatchObject({
      score: 0,
      passed: false,
      explanation: 'output contains forbidden "refund"',
    });
  });

  it('matches case-insensitively on request, including non-ASCII letters', async () => {
    expect((await contains({ values: ['REFUND'] }).evaluate({ output })).score).toBe(0);
    expect((await contains({ values: ['REFUND'], ignoreCase: true }).evaluate({ output })).score).toBe(1);
    expect(
      (await contains({ values: ['ÉTÉ'], ignoreCase: true }).evaluate({ output: 'un été chaud' })).score,
    ).toBe(1);
  });

  it("reads the strings from the item's expected output and rejects unusable ones", async () => {
    expect((await contains().evaluate({ output, expected: 'purchase' })).score).toBe(1);
    expect((await contains().evaluate({ output: { answer: 'refund' }, expected: ['refund'] })).score).toBe(1);
    expect(() => contains().evaluate({ output })).toThrow(/contains needs strings to look for/);
    expect(() => contains({ values: [''] })).toThrow(/empty string/);
  });
});
