import { describe, expect, it } from 'vitest';
import {
  createDeterministicEvaluator,
  deterministicEvaluatorNames,
} from '../online-eval/deterministic-evaluators.js';
import { codeEvaluatorNames, createCodeEvaluator, needsExpectedOutput } from './code-evaluators.js';

describe('code evaluator registry', () => {
  it('builds every evaluator by name; the defaults compare with the expected answer', async () => {
    const contains = createCodeEvaluator('contains', { ignoreCase: true });
    const result = await contains.evaluate({ output: 'Refunds take 30 days.', expected: 'refunds' });
    expect(result).toMatchObject({ passed: true, score: 1 });
    const withValue = createCodeEvaluator('levenshtein', { value: 'kitten', threshold: 0.5 });
    expect(await withValue.evaluate({ output: 'sitting' })).toMatchObject({ passed: true });
    const tools = createCodeEvaluator('trajectory-match', { expected: ['search', 'answer'] });
    expect(tools.name).toBe('trajectory-match');
  });

  it('names an unknown evaluator, suggests the closest, and names a bad or unknown setting', () => {
    expect(() => createCodeEvaluator('token-f2', {})).toThrow(
      /unknown evaluator 'token-f2' \(did you mean 'token-f1'\?\); evaluators: contains, regex/,
    );
    expect(() => createCodeEvaluator('levenshtein', { threshold: 2 })).toThrow(
      /evaluator 'levenshtein' setting 'threshold'/,
    );
    expect(() => createCodeEvaluator('contains', { value: 'refund' })).toThrow(
      /evaluator 'contains' setting: .*value/i,
    );
    expect(() => createCodeEvaluator('regex', {})).toThrow(/evaluator 'regex' setting 'pattern'/);
  });

  it('knows which settings stand in for the expected answer', () => {
    expect(needsExpectedOutput('equals', {})).toBe(true);
    expect(needsExpectedOutput('equals', { value: 'yes' })).toBe(false);
    expect(needsExpectedOutput('exact-match', {})).toBe(true);
    expect(needsExpectedOutput('json-valid', {})).toBe(false);
  });
});

describe('online rules use the code evaluators that need no expected answer', () => {
  it('offers every code evaluator but the reference-only ones', () => {
    expect(deterministicEvaluatorNames).toEqual(
      codeEvaluatorNames.filter((name) => !['exact-match', 'token-f1', 'rouge-l', 'bleu'].includes(name)),
    );
  });

  it('refuses a reference-only evaluator, and one whose value is missing, saying why', () => {
    expect(() => createDeterministicEvaluator('rouge-l', {})).toThrow(
      /'rouge-l' compares with a dataset's expected answer.*online rules can use contains/,
    );
    expect(() => createDeterministicEvaluator('equals', {})).toThrow(
      /evaluator 'equals' setting 'value': give what the output is compared with/,
    );
    expect(createDeterministicEvaluator('equals', { value: 'ok' }).name).toBe('equals');
    expect(() => createDeterministicEvaluator('contain', {})).toThrow(
      /unknown evaluator 'contain' \(did you mean 'contains'\?\)/,
    );
  });
});
