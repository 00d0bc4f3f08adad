import { describe, expect, it } from 'vitest';
import { runEvaluator } from '../run-evaluator.js';
import type { JudgeMessage, JudgeModel } from './judge-model.js';
import { pairwiseJudgePrompt, pointwiseJudgePrompt } from './judge-templates.js';
import { pairwiseJudge } from './pairwise-judge.js';
import { pointwiseJudge } from './pointwise-judge.js';

// Scripted judges with hand-written replies: they test the judges' mechanics (prompting, both orders,
// versioning, failure handling), not judging quality. Real model replies are tested in @sextant/providers.
function scriptedJudge(id: string, reply: (prompt: string) => string): JudgeModel & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    id,
    prompts,
    async generate(messages: readonly JudgeMessage[]) {
      const prompt = messages.map((message) => `${message.role}: ${message.content}`).join('\n');
      prompts.push(prompt);
      return reply(prompt);
    },
  };
}

describe('pointwise judge', () => {
  it('renders the rubric, input, reference and answer, and maps the grade onto [0, 1]', async () => {
    const model = scriptedJudge('test/judge', () => '{"reasoning": "Right, but terse.", "score": 4}');
    const judge = await pointwiseJudge({ model, rubric: 'Is it correct?', threshold: 0.7 });
    const result = await runEvaluator(judge, {
      input: 'Capital of France?',
      output: 'Paris',
      expected: 'Paris',
    });
    expect(result).toEqual({
      success: true,
      value: {
        score: 0.75,
        label: '4/5',
        passed: true,
        explanation: 'Right, but terse.',
        details: { grade: 4, scale: { min: 1, max: 5 } },
      },
    });
    expect(model.prompts[0]).toContain('Rubric: Is it correct?');
    expect(model.prompts[0]).toContain('Scale: 1 (worst) to 5 (best).');
    expect(model.prompts[0]).toContain('Reference answer:\nParis');
    expect(model.prompts[0]).toMatch(/^system: You are a careful, impartial evaluator/);
  });

  it('turns an unreadable reply into a malformed_verdict failure quoting it, never a 0', async () => {
    const model = scriptedJudge('test/judge', () => 'Once upon a time there was a judge.');
    const judge = await pointwiseJudge({ model, rubric: 'Is it correct?' });
    const result = await runEvaluator(judge, { input: 'q', output: 'a' });
    expect(result.success).toBe(false);
    expect(!result.success && result.error.code).toBe('malformed_verdict');
    expect(!result.success && result.error.message).toContain("test/judge: the judge's reply has no score");
    expect(!result.success && result.error.message).toContain('"Once upon a time there was a judge."');
  });

  it('versions the judge by prompt content, model and rubric', async () => {
    const model = scriptedJudge('test/judge', () => '');
    const base = await pointwiseJudge({ model, rubric: 'Is it correct?' });
    const same = await pointwiseJudge({ model, rubric: 'Is it correct?' });
    const otherModel = await pointwiseJudge({
      model: { ...model, id: 'test/other' },
      rubric: 'Is it correct?',
    });
    const otherRubric = await pointwiseJudge({ model, rubric: 'Is it polite?' });
    const edited = await pointwiseJudge({
      model,
      rubric: 'Is it correct?',
      prompt: { ...pointwiseJudgePrompt, description: 'edited' },
    });
    expect(base.version).toMatch(/^[0-9a-f]{12}$/);
    expect(same.version).toBe(base.version);
    const versions = new Set([base, otherModel, otherRubric, edited].map((judge) => judge.version));
    expect(versions.size).toBe(4);
    expect(base.settings).toMatchObject({
      model: 'test/judge',
      promptHash: expect.stringMatching(/^sha256:/),
    });
  });

  it('rejects a bad scale, an empty rubric and a prompt needing variables it cannot get', async () => {
    const model = scriptedJudge('test/judge', () => '');
    await expect(pointwiseJudge({ model, rubric: 'x', scale: { min: 5, max: 1 } })).rejects.toThrow(
      /min < max, got 5-1/,
    );
    await expect(pointwiseJudge({ model, rubric: ' ' })).rejects.toThrow(/needs a rubric/);
    const prompt = {
      ...pointwiseJudgePrompt,
      messages: [{ role: 'user' as const, content: '{{tone}} {{output}}' }],
      variables: [
        { name: 'tone', type: 'string' as const, required: true },
        { name: 'output', type: 'string' as const, required: true },
      ],
    };
    await expect(pointwiseJudge({ model, rubric: 'x', prompt })).rejects.toThrow(
      /requires 'tone', which the judge does not supply/,
    );
  });
});

describe('pairwise judge', () => {
  const criteria = 'Which answer is more accurate?';
  const answers = (prompt: string) => ({
    a: /Answer A:\n(.*)\n/.exec(prompt)?.[1] ?? '',
    b: /Answer B:\n(.*)\n/.exec(prompt)?.[1] ?? '',
  });

  it('asks in both orders and scores a consistent win for the candidate as 1', async () => {
    // Prefers whichever answer says "Paris", wherever it stands.
    const model = scriptedJudge('test/judge', (prompt) => {
      const { a } = answers(prompt);
      return JSON.stringify({ reasoning: 'names the capital', winner: a.includes('Paris') ? 'A' : 'B' });
    });
    const judge = await pairwiseJudge({ model, criteria });
    const result = await runEvaluator(judge, {
      input: 'Capital of France?',
      output: 'Paris',
      expected: 'Lyon',
    });
    expect(result).toMatchObject({
      success: true,
      value: {
        score: 1,
        label: 'candidate',
        details: { outcomes: ['candidate', 'candidate'], consistent: true },
      },
    });
    expect(model.prompts).toHaveLength(2);
    expect(answers(model.prompts[0]!)).toEqual({ a: 'Paris', b: 'Lyon' });
    expect(answers(model.prompts[1]!)).toEqual({ a: 'Lyon', b: 'Paris' });
  });

  it('reports a judge that always prefers the first position as inconsistent, counted as a tie', async () => {
    const model = scriptedJudge('test/judge', () => '{"reasoning": "first is better", "winner": "A"}');
    const judge = await pairwiseJudge({ model, criteria });
    const result = await runEvaluator(judge, { input: 'q', output: 'x', expected: 'y' });
    expect(result).toMatchObject({
      success: true,
      value: {
        score: 0.5,
        label: 'inconsistent',
        details: { outcomes: ['candidate', 'baseline'], consistent: false },
      },
    });
    expect(result.success && result.value.explanation).toMatch(
      /^position bias: with the output first the judge chose candidate/,
    );
  });

  it('needs the baseline answer as expected', async () => {
    const judge = await pairwiseJudge({ model: scriptedJudge('test/judge', () => ''), criteria });
    const result = await runEvaluator(judge, { input: 'q', output: 'x' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect(pairwiseJudgePrompt.variables.map((variable) => variable.name)).toEqual([
      'criteria',
      'input',
      'answerA',
      'answerB',
    ]);
  });
});
