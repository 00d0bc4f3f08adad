import { describe, expect, it } from 'vitest';
import { contains } from './contains.js';
import { customEvaluator } from './custom-evaluator.js';
import { runEvaluator } from './run-evaluator.js';
import { recordedTrace } from './test-support/trace-builder.js';
import { tokenF1 } from './token-f1.js';

const trace = recordedTrace('openinference.json', 'support-agent');
const item = { input: 'What is the weather in Paris?', expected: '18°C and sunny', spans: trace };

describe('runEvaluator', () => {
  it('scores the chain end to end and its retrieval step from the same run', async () => {
    // End to end: the agent's final answer against the expected one.
    const answer = await runEvaluator(tokenF1(), {
      ...item,
      output: 'It is 18°C and sunny in Paris right now.',
    });
    // normalised: "it is 18°c and sunny in paris right now" (9 tokens) vs "18°c and sunny" (3): P 3/9, R 1, F1 = 0.5
    expect(answer).toMatchObject({ success: true, value: { score: 0.5 } });
    // Component: did retrieval bring back the refund policy? (the item's expected answer is not used)
    const context = contains({ values: ['5 business days'] });
    const retrieval = await runEvaluator(context, {
      ...item,
      output: null,
      target: { kind: 'retrieval', field: 'documents' },
    });
    expect(retrieval).toMatchObject({ success: true, value: { score: 1, passed: true } });
    const seen: unknown[] = [];
    const spy = customEvaluator({
      name: 'spy',
      version: '1',
      evaluate: ({ output }) => {
        seen.push(output);
        return 1;
      },
    });
    await runEvaluator(spy, { ...item, output: null, target: { kind: 'retrieval', field: 'documents' } });
    expect(seen).toEqual([
      [expect.objectContaining({ id: 'kb-112' }), expect.objectContaining({ id: 'kb-087' })],
    ]);
  });

  it('lets a target pick the final llm answer instead of the task output', async () => {
    const result = await runEvaluator(tokenF1(), { ...item, output: 'ignored', target: { kind: 'llm' } });
    expect(result).toMatchObject({ success: true, value: { score: 0.5 } });
  });

  it('reports a target that matches nothing as a failure, never as a 0 score', async () => {
    const result = await runEvaluator(tokenF1(), {
      ...item,
      output: 'x',
      target: { kind: 'retrieval', name: 'rerank' },
    });
    expect(result).toEqual({
      success: false,
      error: {
        code: 'target_not_found',
        message:
          "no span with kind 'retrieval' and name 'rerank' in this trace; its spans are: retrieval 'retrieve-kb', " +
          "tool 'get_weather', agent 'support-agent', llm 'OpenAI Chat Completions' (x2)",
      },
    });
  });

  it('turns unusable input into invalid_input and a throwing function into evaluator_error', async () => {
    const noReference = await runEvaluator(tokenF1(), { output: 'x' });
    expect(noReference).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect(!noReference.success && noReference.error.message).toMatch(
      /^token-f1@1: token-f1 needs a reference/,
    );
    const broken = customEvaluator({
      name: 'broken',
      version: '2',
      evaluate: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'length')");
      },
    });
    expect(await runEvaluator(broken, { output: 'x' })).toEqual({
      success: false,
      error: {
        code: 'evaluator_error',
        message: "broken@2: Cannot read properties of undefined (reading 'length')",
      },
    });
  });

  it('rejects scores that are not finite or fall outside the range', async () => {
    const returning = (score: number, scoreRange?: { min: number; max: number }) =>
      customEvaluator({
        name: 'fixed',
        version: '1',
        evaluate: () => score,
        ...(scoreRange ? { scoreRange } : {}),
      });
    expect(await runEvaluator(returning(Number.NaN), { output: '' })).toMatchObject({
      success: false,
      error: {
        code: 'invalid_result',
        message: expect.stringMatching(/^fixed@1 returned an invalid result at 'score'/),
      },
    });
    expect(await runEvaluator(returning(1.5), { output: '' })).toEqual({
      success: false,
      error: { code: 'invalid_result', message: 'fixed@1 returned score 1.5, outside its range [0, 1]' },
    });
    expect(await runEvaluator(returning(4, { min: 1, max: 5 }), { output: '' })).toEqual({
      success: true,
      value: { score: 4 },
    });
  });
});
