import { describe, expect, it } from 'vitest';
import { stepCount } from './step-count.js';
import { recordedTrace, span } from './test-support/trace-builder.js';

// The recorded OpenInference agent run: 2 llm calls, 1 tool call, plus agent and retrieval spans.
const trace = recordedTrace('openinference.json', 'support-agent');

describe('stepCount', () => {
  it('counts llm and tool spans of a recorded run', async () => {
    expect(await stepCount({ max: 3 }).evaluate({ output: '', spans: trace })).toEqual({
      score: 1,
      passed: true,
      details: { steps: 3, max: 3, byKind: { llm: 2, tool: 1 } },
    });
  });

  it('decays as max / steps beyond the limit and says by how much it is over', async () => {
    const result = await stepCount({ max: 2 }).evaluate({ output: '', spans: trace });
    expect(result.score).toBeCloseTo(2 / 3, 12);
    expect(result.passed).toBe(false);
    expect(result.explanation).toBe('took 3 steps (2 llm, 1 tool), 1 over the limit of 2');
    const looping = Array.from({ length: 12 }, (_, index) => span(index % 2 ? 'tool' : 'llm', 'step', index));
    expect((await stepCount({ max: 6 }).evaluate({ output: '', spans: looping })).score).toBe(0.5);
  });

  it('counts only the kinds asked for', async () => {
    const result = await stepCount({ max: 1, kinds: ['tool', 'retrieval'] }).evaluate({
      output: '',
      spans: trace,
    });
    expect(result).toMatchObject({ score: 0.5, details: { steps: 2, byKind: { tool: 1, retrieval: 1 } } });
  });

  it("counts an agent's chat messages when there is no trace", async () => {
    const messages = [
      { role: 'user', content: 'weather in Paris and Lyon?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ function: { name: 'get_weather' } }, { function: { name: 'get_weather' } }],
      },
      { role: 'tool', content: '18°C' },
      { role: 'tool', content: '20°C' },
      { role: 'assistant', content: 'Paris 18°C, Lyon 20°C.' },
    ];
    const result = await stepCount({ max: 3 }).evaluate({ output: messages });
    expect(result).toMatchObject({ score: 0.75, details: { steps: 4, byKind: { llm: 2, tool: 2 } } });
  });

  it('refuses a run with neither spans nor messages, and a meaningless limit', () => {
    expect(() => stepCount({ max: 3 }).evaluate({ output: 'just text' })).toThrow(
      /needs the run's trace spans or the agent's chat messages/,
    );
    expect(() => stepCount({ max: 0 })).toThrow(/max must be a whole number of steps of at least 1, got 0/);
    expect(() => stepCount({ max: 2.5 })).toThrow(/got 2.5/);
  });
});
