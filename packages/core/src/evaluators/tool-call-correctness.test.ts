import { describe, expect, it } from 'vitest';
import { recordedTrace, span, toolSpan } from './test-support/trace-builder.js';
import { toolCallCorrectness } from './tool-call-correctness.js';

const getWeather = { name: 'get_weather', arguments: { city: 'Paris' } };

describe('toolCallCorrectness on recorded traces', () => {
  it.each([
    ['openinference.json', 'support-agent'],
    ['openllmetry.json', 'plan_trip.workflow'],
    ['vercel-ai.json', 'ai.generateText'],
  ])('finds get_weather({city: "Paris"}) in %s', async (fixture, root) => {
    const spans = recordedTrace(fixture, root);
    const result = await toolCallCorrectness({ expected: getWeather }).evaluate({
      output: 'It is 18°C and sunny in Paris right now.',
      spans,
    });
    expect(result).toMatchObject({ score: 1, passed: true, details: { matched: 1, actual: 1 } });
  });

  it('reads the llm spans when asked, where the model requested the call', async () => {
    const spans = recordedTrace('vercel-ai.json', 'ai.generateText');
    const result = await toolCallCorrectness({ expected: getWeather, source: 'llm-spans' }).evaluate({
      output: '',
      spans,
    });
    expect(result.score).toBe(1);
  });
});

describe('toolCallCorrectness', () => {
  const run = (expected: unknown, spans = [toolSpan('lookup', { id: 3 }, 0)], options = {}) =>
    toolCallCorrectness(options).evaluate({ output: 'done', expected, spans });

  it('says which tool was expected and what the model called instead', async () => {
    const result = await run({ name: 'search', arguments: { q: 'refunds' } });
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.explanation).toBe(
      `expected tool 'search' with {"q":"refunds"} but the model called 'lookup' with {"id":3}`,
    );
  });

  it('names the argument that differs when the right tool got the wrong arguments', async () => {
    const result = await run({ name: 'search', arguments: { q: 'refunds', limit: 5 } }, [
      toolSpan('search', { q: 'refund', limit: 5 }, 0),
    ]);
    expect(result.explanation).toBe(
      `expected tool 'search' with {"q":"refunds","limit":5} but the model called it with {"q":"refund","limit":5} ($.q: expected "refunds", got "refund")`,
    );
  });

  it('allows extra arguments in subset mode only', async () => {
    const spans = [toolSpan('search', { q: 'refunds', limit: 5, filters: { lang: 'en', site: 'help' } }, 0)];
    const expected = { name: 'search', arguments: '{"q": "refunds", "filters": {"lang": "en"}}' };
    expect((await run(expected, spans)).explanation).toContain("$.filters: unexpected key 'site'");
    expect((await run(expected, spans, { argumentMatch: 'subset' })).score).toBe(1);
  });

  it('gives partial credit per expected call and can penalise calls nobody expected', async () => {
    const spans = [
      toolSpan('search', { q: 'a' }, 0),
      toolSpan('search', { q: 'b' }, 1),
      toolSpan('delete_account', {}, 2),
    ];
    const expected = [
      { name: 'search', arguments: { q: 'b' } },
      { name: 'search', arguments: { q: 'a' } },
      { name: 'email', arguments: { to: 'x' } },
    ];
    const lenient = await run(expected, spans);
    expect(lenient.score).toBeCloseTo(2 / 3, 12);
    expect(lenient.explanation).toBe(
      `expected tool 'email' with {"to":"x"} but the model called 'delete_account' with {}`,
    );
    const strict = await run(expected, spans, { extraCalls: 'penalize' });
    expect(strict.score).toBeCloseTo(2 / 4, 12);
    expect(strict.explanation).toContain(`; unexpected call 'delete_account' with {}`);
  });

  it('treats an empty expectation as "call no tool"', async () => {
    expect(await run([], [])).toMatchObject({ score: 1, passed: true });
    expect((await run([])).explanation).toBe(
      `expected no tool calls but the model called 'lookup' with {"id":3}`,
    );
    expect((await run('search', [])).explanation).toBe(
      `expected tool 'search' but the model called no tools`,
    );
    expect((await run(['lookup', 'lookup'])).explanation).toBe(
      `expected tool 'lookup' but the model made no other tool call`,
    );
  });

  it('reads calls from the output: Sextant messages, OpenAI messages, span content or plain calls', async () => {
    const evaluator = toolCallCorrectness({ expected: getWeather });
    const sextant = [
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }],
      },
    ];
    const openai = [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    ];
    for (const output of [
      sextant,
      openai,
      { type: 'messages', messages: sextant },
      [{ name: 'get_weather', args: { city: 'Paris' } }],
    ]) {
      expect((await evaluator.evaluate({ output })).score, JSON.stringify(output)).toBe(1);
    }
  });

  it('keeps arguments that are not JSON as text, and unicode intact', async () => {
    const spans = [span('tool', 'shell', 0, { toolName: 'shell', toolArgs: 'ls -la' })];
    expect((await run({ name: 'shell', arguments: '"ls -la"' }, spans)).score).toBe(1);
    const unicode = [toolSpan('translate', { text: 'Grüße 👋' }, 0)];
    expect((await run({ name: 'translate', arguments: { text: 'Grüße 👋' } }, unicode)).score).toBe(1);
  });

  it('rejects expectations it cannot use', () => {
    expect(() => toolCallCorrectness().evaluate({ output: '' })).toThrow(/needs expected calls/);
    expect(() => toolCallCorrectness({ expected: [{ name: 'a', arguments: '{oops' }] })).toThrow(
      /arguments of expected call 'a' are not JSON/,
    );
    expect(() => toolCallCorrectness().evaluate({ output: '', expected: [{ tool: 'a' }] })).toThrow(
      /expected call 1 needs a tool name/,
    );
  });
});
