import { describe, expect, it } from 'vitest';
import { formatEvaluator, parseEvaluatorLines } from './evaluator-lines';

describe('the evaluator box of the rule form', () => {
  it('reads one evaluator per line with JSON, text and | list settings, and writes them back', () => {
    const parsed = parseEvaluatorLines(
      'json-valid\n\ncontains values=sorry|apologize mode=none ignoreCase=true\n',
    );
    expect(parsed).toEqual({
      error: null,
      evaluators: [
        { name: 'json-valid', settings: {} },
        { name: 'contains', settings: { values: ['sorry', 'apologize'], mode: 'none', ignoreCase: true } },
      ],
    });
    expect(parsed.evaluators.map(formatEvaluator)).toEqual([
      'json-valid',
      'contains values=sorry|apologize mode=none ignoreCase=true',
    ]);
  });

  it('names the line and the pair that is not key=value, and asks for at least one evaluator', () => {
    expect(parseEvaluatorLines('json-valid\nregex ^a$').error).toBe(
      "line 2: '^a$' is not key=value (e.g. values=refund|credit)",
    );
    expect(parseEvaluatorLines('  \n').error).toMatch(/at least one evaluator/);
  });
});
