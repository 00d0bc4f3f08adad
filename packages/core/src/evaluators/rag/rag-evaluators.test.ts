import { describe, expect, it } from 'vitest';
import { preparePrompt } from '../../prompts/prepare-prompt.js';
import { promptDefinitionInputSchema } from '../../prompts/prompt-definition.js';
import type { JudgeMessage, JudgeModel } from '../judge/judge-model.js';
import { judgePrompts } from '../judge/judge-templates.js';
import { runEvaluator } from '../run-evaluator.js';
import { span } from '../test-support/trace-builder.js';
import { answerRelevance } from './answer-relevance.js';
import { contextRelevance } from './context-relevance.js';
import { faithfulness } from './faithfulness.js';

// A rule-based judge with hand-written replies, to test the RAG evaluators' mechanics (claim splitting,
// one verdict per claim or document, targeting). It is not a model; real replies are tested in @sextant/providers.
function ruleJudge(): JudgeModel & { calls: number } {
  const judge = {
    id: 'test/rule-judge',
    calls: 0,
    async generate(messages: readonly JudgeMessage[]) {
      judge.calls++;
      const prompt = messages.at(-1)?.content ?? '';
      if (prompt.startsWith('Split the answer')) {
        const answer = /Answer:\n([\s\S]*)\n\nReply/.exec(prompt)?.[1] ?? '';
        return JSON.stringify({ claims: answer.split('. ').map((claim) => claim.replace(/\.$/, '')) });
      }
      if (prompt.startsWith('Is the claim')) {
        const context = /Context:\n([\s\S]*)\n\nClaim:/.exec(prompt)?.[1] ?? '';
        const claim = /Claim: (.*)/.exec(prompt)?.[1] ?? '';
        return JSON.stringify({ reasoning: 'checked', verdict: context.includes(claim) ? 'yes' : 'no' });
      }
      if (prompt.startsWith('Does this document')) {
        const document = /Document:\n([\s\S]*)\n\nReply/.exec(prompt)?.[1] ?? '';
        return `${/refund/i.test(document) ? 'Yes' : 'No'}, judged on the word refund.`;
      }
      return '{"reasoning": "on topic", "score": 5}';
    },
  };
  return judge;
}

const documents = [
  { id: 'd1', content: 'Refunds are accepted within 30 days' },
  { id: 'd2', content: 'Our office is in Lyon' },
  { id: 'd3', content: 'A refund needs the receipt' },
];
const trace = [
  span('chain', 'answer', 0),
  span('retrieval', 'search', 10, { documents }),
  span('llm', 'generate', 20, {
    output: { type: 'text', text: 'Refunds are accepted within 30 days. Shipping is free.' },
  }),
];

describe('RAG evaluators', () => {
  it('faithfulness: splits the answer into claims and scores the supported share from the retrieval spans', async () => {
    const model = ruleJudge();
    const evaluator = await faithfulness({ model, threshold: 0.9 });
    const result = await runEvaluator(evaluator, {
      input: 'What is the refund policy?',
      output: 'Refunds are accepted within 30 days. Shipping is free.',
      spans: trace,
    });
    expect(result).toMatchObject({
      success: true,
      value: {
        score: 0.5,
        passed: false,
        label: '1/2 claims supported',
        explanation: 'not supported by the context: "Shipping is free"',
      },
    });
    expect(model.calls).toBe(3);
  });

  it('faithfulness: takes metadata.context without a trace and explains where context comes from', async () => {
    const evaluator = await faithfulness({ model: ruleJudge() });
    const withContext = await runEvaluator(evaluator, {
      input: 'q',
      output: 'Refunds are accepted within 30 days.',
      metadata: { context: ['Refunds are accepted within 30 days'] },
    });
    expect(withContext).toMatchObject({ success: true, value: { score: 1 } });
    const without = await runEvaluator(evaluator, { input: 'q', output: 'a' });
    expect(without).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect(!without.success && without.error.message).toMatch(
      /needs the retrieved context.*metadata\.context/,
    );
  });

  it('context relevance: judges each retrieved document, targeted at the retrieval span or finding it', async () => {
    const evaluator = await contextRelevance({ model: ruleJudge() });
    const targeted = await runEvaluator(evaluator, {
      input: 'What is the refund policy?',
      output: 'irrelevant here',
      spans: trace,
      target: { kind: 'retrieval', field: 'documents' },
    });
    expect(targeted).toMatchObject({
      success: true,
      value: {
        score: 2 / 3,
        label: '2/3 relevant',
        explanation: 'document 2 of 3 does not help answer the input',
      },
    });
    const untargeted = await runEvaluator(evaluator, { input: 'refund?', output: 'an answer', spans: trace });
    expect(untargeted).toMatchObject({ success: true, value: { score: 2 / 3 } });
    const noRetrieval = await runEvaluator(evaluator, { input: 'q', output: 'a', spans: [trace[0]!] });
    expect(!noRetrieval.success && noRetrieval.error.message).toMatch(
      /no span with kind 'retrieval' in this trace/,
    );
  });

  it('answer relevance: a pointwise judge on a fixed rubric', async () => {
    const evaluator = await answerRelevance({ model: ruleJudge() });
    expect(evaluator.name).toBe('answer-relevance');
    expect(await runEvaluator(evaluator, { input: 'q', output: 'a' })).toMatchObject({
      success: true,
      value: { score: 1, label: '5/5' },
    });
  });

  it('ships judge prompts that the prompt registry accepts as they are', () => {
    for (const [name, definition] of Object.entries(judgePrompts)) {
      const prepared = preparePrompt(promptDefinitionInputSchema.parse(definition));
      expect({ name, problems: prepared.problems }).toEqual({ name, problems: [] });
      expect(prepared.definition).toEqual(definition);
    }
  });
});
