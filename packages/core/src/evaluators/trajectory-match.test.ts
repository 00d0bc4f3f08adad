import { describe, expect, it } from 'vitest';
import { recordedTrace, toolSpan } from './test-support/trace-builder.js';
import { trajectoryMatch } from './trajectory-match.js';

const trajectory = (...names: string[]) => names.map((name, index) => toolSpan(name, {}, index * 10));
const evaluate = (mode: 'exact' | 'in-order' | 'any-order', expected: string[], actual: string[]) =>
  trajectoryMatch({ expected, mode }).evaluate({ output: '', spans: trajectory(...actual) });

describe('trajectoryMatch', () => {
  it('matches the tool calls of a recorded agent run', async () => {
    const spans = recordedTrace('openllmetry.json', 'plan_trip.workflow');
    const result = await trajectoryMatch({ expected: ['get_weather'] }).evaluate({
      output: 'It is 18°C',
      spans,
    });
    expect(result).toMatchObject({ score: 1, passed: true, details: { actual: ['get_weather'] } });
  });

  describe('exact', () => {
    it('passes the same sequence only', async () => {
      expect(
        (await evaluate('exact', ['search', 'fetch', 'answer'], ['search', 'fetch', 'answer'])).score,
      ).toBe(1);
      expect((await evaluate('exact', [], [])).score).toBe(1);
    });

    it('names the first step where the runs part', async () => {
      const wrong = await evaluate('exact', ['search', 'fetch', 'answer'], ['search', 'lookup', 'answer']);
      expect(wrong).toMatchObject({ score: 0, passed: false });
      expect(wrong.explanation).toBe(
        "step 2: expected 'fetch' but the agent called 'lookup'; expected search → fetch → answer, got search → lookup → answer",
      );
      const short = await evaluate('exact', ['search', 'fetch'], ['search']);
      expect(short.explanation).toBe(
        "step 2: expected 'fetch' but the agent stopped after 1 step; expected search → fetch, got search",
      );
      const long = await evaluate('exact', ['search'], ['search', 'search']);
      expect(long.explanation).toBe(
        "step 2: unexpected extra call 'search'; expected search, got search → search",
      );
      const none = await evaluate('exact', ['search'], []);
      expect(none.explanation).toBe(
        "step 1: expected 'search' but the agent stopped after 0 steps; expected search, got (no tool calls)",
      );
    });
  });

  describe('in-order', () => {
    it('allows other calls between the expected ones', async () => {
      const result = await evaluate('in-order', ['search', 'answer'], ['plan', 'search', 'fetch', 'answer']);
      expect(result).toMatchObject({ score: 1, passed: true });
    });

    it('scores the longest in-order match and names the first step not found', async () => {
      const result = await evaluate('in-order', ['search', 'fetch', 'answer'], ['fetch', 'search', 'answer']);
      // LCS(search fetch answer, fetch search answer) = 2 (e.g. search, answer): 2/3
      expect(result.score).toBeCloseTo(2 / 3, 12);
      expect(result.passed).toBe(false);
      expect(result.explanation).toBe(
        "expected step 2 'fetch' was not called after 'search' (call 2 of 3); expected in order search → fetch → answer, got fetch → search → answer",
      );
    });
  });

  describe('any-order', () => {
    it('passes any permutation of the same calls', async () => {
      expect((await evaluate('any-order', ['a', 'b', 'b'], ['b', 'a', 'b'])).score).toBe(1);
    });

    it('counts missing and unexpected calls against the longer trajectory', async () => {
      const result = await evaluate(
        'any-order',
        ['search', 'search', 'answer'],
        ['search', 'answer', 'delete'],
      );
      // overlap: search 1, answer 1 = 2, over max(3, 3)
      expect(result.score).toBeCloseTo(2 / 3, 12);
      expect(result.explanation).toBe(
        "'search' expected 2 times, called 1; 'delete' expected 0 times, called 1; got search → answer → delete",
      );
    });
  });

  it('reads the expected trajectory from the item, as names or { name } objects', async () => {
    const spans = trajectory('search', 'answer');
    const evaluator = trajectoryMatch({ mode: 'exact' });
    expect(
      (await evaluator.evaluate({ output: '', spans, expected: [{ name: 'search' }, 'answer'] })).score,
    ).toBe(1);
    expect(() => evaluator.evaluate({ output: '', spans, expected: 'search' })).toThrow(
      /needs an expected trajectory/,
    );
    expect(() => evaluator.evaluate({ output: '', spans, expected: [1] })).toThrow(
      /expected step 1 is not a tool name/,
    );
  });

  it('orders spans by start time, not by the order they arrived in', async () => {
    const spans = trajectory('search', 'fetch', 'answer').reverse();
    expect(
      (await trajectoryMatch({ expected: ['search', 'fetch', 'answer'] }).evaluate({ output: '', spans }))
        .score,
    ).toBe(1);
  });

  it('shortens very long trajectories in the explanation', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `tool_${index}`);
    const result = await evaluate('exact', ['tool_0'], names);
    expect(result.explanation).toContain('tool_11 → … (20 calls)');
  });
});
