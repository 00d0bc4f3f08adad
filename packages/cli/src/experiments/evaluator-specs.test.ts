import { describe, expect, it } from 'vitest';
import { parseEvaluatorSpec, resolveEvaluatorSpec } from './evaluator-specs.js';

const access = { url: 'http://127.0.0.1:9', apiKey: 'sk-test' };

describe('evaluator specs', () => {
  it('builds model-based evaluators by name, versioned by their judge model and settings', async () => {
    const judge = await resolveEvaluatorSpec(
      'llm-judge:model=openai/gpt-4o-mini,rubric=Is it correct?',
      access,
    );
    expect(judge).toMatchObject({
      name: 'llm-judge',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      settings: { model: 'openai/gpt-4o-mini', rubric: 'Is it correct?' },
    });
    const other = await resolveEvaluatorSpec(
      'llm-judge:model=local/stories260k,rubric=Is it correct?',
      access,
    );
    expect(other.version).not.toBe(judge.version);
    const faithfulness = await resolveEvaluatorSpec(
      'faithfulness:model=openai/gpt-4o-mini,threshold=0.9',
      access,
    );
    expect(faithfulness).toMatchObject({ name: 'faithfulness', settings: { threshold: 0.9 } });
  });

  it('keeps deterministic evaluators as they were, and names bad model-based settings', async () => {
    expect((await resolveEvaluatorSpec('levenshtein:threshold=0.8', access)).name).toBe(
      parseEvaluatorSpec('levenshtein:threshold=0.8').name,
    );
    await expect(resolveEvaluatorSpec('faithfulness', access)).rejects.toThrow(
      /evaluator 'faithfulness' setting 'model'/,
    );
    await expect(resolveEvaluatorSpec('llm-judge:model=m', access)).rejects.toThrow(/setting 'rubric'/);
    await expect(resolveEvaluatorSpec('llm-judg', access)).rejects.toThrow(/unknown evaluator 'llm-judg'/);
  });
});
