import { describe, expect, it } from 'vitest';
import { customEvaluator } from './custom-evaluator.js';

describe('customEvaluator', () => {
  it('turns booleans into pass/fail, numbers into scores and passes results through', async () => {
    const mentionsPrice = customEvaluator({
      name: 'mentions-price',
      version: '1',
      evaluate: ({ output }) => /\$\d/.test(String(output)),
    });
    expect(await mentionsPrice.evaluate({ output: 'It costs $12.' })).toEqual({ score: 1, passed: true });
    expect(await mentionsPrice.evaluate({ output: 'It is cheap.' })).toEqual({ score: 0, passed: false });
    const length = customEvaluator({
      name: 'short',
      version: '3',
      evaluate: ({ output }) => Math.min(1, 10 / String(output).length),
    });
    expect(await length.evaluate({ output: 'x'.repeat(20) })).toEqual({ score: 0.5 });
    const full = customEvaluator({
      name: 'full',
      version: '1',
      evaluate: async () => ({ score: 0.25, label: 'weak', explanation: 'cites one source of four' }),
    });
    expect(await full.evaluate({ output: '' })).toEqual({
      score: 0.25,
      label: 'weak',
      explanation: 'cites one source of four',
    });
  });

  it('carries its name, version, description and score range', () => {
    const rubric = customEvaluator({
      name: 'helpfulness-rubric',
      version: '2026-01-31',
      description: 'hand-written 1-5 rubric',
      scoreRange: { min: 1, max: 5 },
      evaluate: () => 3,
    });
    expect(rubric).toMatchObject({
      specificationVersion: 'v1',
      name: 'helpfulness-rubric',
      version: '2026-01-31',
      description: 'hand-written 1-5 rubric',
      scoreRange: { min: 1, max: 5 },
    });
  });

  it('refuses a nameless, versionless or inverted-range evaluator', () => {
    expect(() => customEvaluator({ name: ' ', version: '1', evaluate: () => 1 })).toThrow(
      /non-empty name and version/,
    );
    expect(() => customEvaluator({ name: 'a', version: '', evaluate: () => 1 })).toThrow(
      /non-empty name and version/,
    );
    expect(() =>
      customEvaluator({ name: 'a', version: '1', scoreRange: { min: 5, max: 1 }, evaluate: () => 1 }),
    ).toThrow(/scoreRange.min must be below max/);
  });
});
