import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvaluationInput, runEvaluator } from '@sextant/core/evaluators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackUpstream, startLoopbackUpstream } from '../test-support/loopback-upstream.js';
import { createGatewayEvaluatorFactory } from './gateway-judge-models.js';

interface Recording {
  prompt: string;
  request: { messages: { role: string; content: string }[] };
  response: { choices: { message: { content: string } }[] };
}
const here = path.dirname(fileURLToPath(import.meta.url));
const recorded = JSON.parse(
  fs.readFileSync(path.join(here, '__fixtures__/gguf-judge-replies.json'), 'utf8'),
) as {
  recordings: Recording[];
};
const recording = (prompt: string) => recorded.recordings.find((item) => item.prompt === prompt)!;

/** A HAND-WRITTEN OpenAI chat completion carrying `content`, for well-formed verdicts no model here can give. */
function handWrittenCompletion(content: string) {
  return JSON.stringify({
    id: 'chatcmpl-hand-written',
    object: 'chat.completion',
    created: 1795811793,
    model: 'openai/gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 300, completion_tokens: 30, total_tokens: 330 },
  });
}

let upstream: LoopbackUpstream;
beforeAll(async () => {
  upstream = await startLoopbackUpstream();
});
afterAll(() => upstream.close());

// The loopback server stands in for an OpenAI-compatible endpoint (Sextant's gateway or a vendor) and
// replays responses the local GGUF model really gave to these judge prompts through the gateway.
describe('judges over the OpenAI protocol, replaying recorded replies', () => {
  const factory = () => createGatewayEvaluatorFactory({ url: upstream.url, apiKey: 'sk-test' });

  it('sends the rendered judge prompt at temperature 0 and fails a storytelling reply as malformed', async () => {
    const pointwise = recording('sextant-judge-pointwise');
    upstream.script({ status: 200, body: JSON.stringify(pointwise.response) });
    const judge = await factory()('llm-judge', {
      model: 'local/stories260k',
      rubric: 'Is the answer correct?',
    });
    const before = upstream.requests.length;
    const result = await runEvaluator(judge, {
      input: 'What is the capital of France?',
      output: 'Paris is the capital of France.',
      expected: 'Paris',
    });
    const sent = upstream.requests[before]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({
      model: 'local/stories260k',
      temperature: 0,
      messages: pointwise.request.messages,
    });
    expect(result).toMatchObject({ success: false, error: { code: 'malformed_verdict' } });
    const story = pointwise.response.choices[0]!.message.content.trim();
    expect(!result.success && result.error.message).toContain(
      `local/stories260k: the judge's reply has no score`,
    );
    expect(!result.success && result.error.message).toContain(JSON.stringify(story).slice(0, 40));
  });

  it('fails every recorded judge protocol on the real model output, never scoring 0', async () => {
    const cases: [string, Record<string, unknown>, string[], Omit<EvaluationInput, 'input'>][] = [
      [
        'pairwise-judge',
        { model: 'local/stories260k', criteria: 'accuracy' },
        ['sextant-judge-pairwise', 'sextant-judge-pairwise'],
        { output: 'Paris.', expected: 'Lyon.' },
      ],
      [
        'faithfulness',
        { model: 'local/stories260k' },
        ['sextant-judge-claims'],
        { output: 'Refunds within 30 days.', metadata: { context: 'Refunds are accepted within 30 days.' } },
      ],
      [
        'context-relevance',
        { model: 'local/stories260k' },
        ['sextant-judge-context-relevance'],
        { output: [{ content: 'Our office is in Lyon.' }] },
      ],
    ];
    for (const [name, settings, prompts, item] of cases) {
      upstream.script(
        ...prompts.map((prompt) => ({ status: 200, body: JSON.stringify(recording(prompt).response) })),
      );
      const evaluator = await factory()(name, settings);
      const result = await runEvaluator(evaluator, { input: 'What is the refund policy?', ...item });
      expect({ name, result }).toMatchObject({
        name,
        result: { success: false, error: { code: 'malformed_verdict' } },
      });
    }
  });

  it('scores hand-written well-formed verdicts read through the real OpenAI-compatible client', async () => {
    upstream.script({
      status: 200,
      body: handWrittenCompletion('```json\n{"reasoning": "Correct and concise.", "score": 5}\n```'),
    });
    const judge = await factory()('llm-judge', {
      model: 'openai/gpt-4o-mini',
      rubric: 'Is it correct?',
      threshold: 0.8,
    });
    expect(await runEvaluator(judge, { input: 'q', output: 'a' })).toEqual({
      success: true,
      value: {
        score: 1,
        label: '5/5',
        passed: true,
        explanation: 'Correct and concise.',
        details: { grade: 5, scale: { min: 1, max: 5 } },
      },
    });
    upstream.script(
      {
        status: 200,
        body: handWrittenCompletion(
          '{"claims": ["Refunds are accepted within 30 days.", "Shipping is free."]}',
        ),
      },
      { status: 200, body: handWrittenCompletion('{"reasoning": "Stated in [1].", "verdict": "yes"}') },
      { status: 200, body: handWrittenCompletion('{"reasoning": "Not in the context.", "verdict": "no"}') },
    );
    const faithful = await factory()('faithfulness', { model: 'openai/gpt-4o-mini' });
    const result = await runEvaluator(faithful, {
      input: 'Refund policy?',
      output: 'Refunds are accepted within 30 days. Shipping is free.',
      metadata: { context: ['Refunds are accepted within 30 days.'] },
    });
    expect(result).toMatchObject({ success: true, value: { score: 0.5, label: '1/2 claims supported' } });
  });

  it('rejects unknown evaluator names and bad settings with the fix', async () => {
    await expect(factory()('llm-judg', {})).rejects.toThrow(
      /unknown model-based evaluator 'llm-judg'; known: llm-judge, /,
    );
    await expect(factory()('llm-judge', { model: 'x' })).rejects.toThrow(
      /evaluator 'llm-judge' setting 'rubric'/,
    );
    await expect(factory()('faithfulness', { model: 'x', context: { kind: 'nope' } })).rejects.toThrow(
      /setting 'context.kind'/,
    );
  });
});
