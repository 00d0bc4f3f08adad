import { describe, expect, it } from 'vitest';
import { loadCanonicalSpans, otlpSpan, spanNamed, spansNamed } from './__fixtures__/load-fixture.js';
import { normalizeSpan } from './normalize-span.js';

// Recorded with the Traceloop SDK (workflow / agent / tool / task wrappers) and
// @traceloop/instrumentation-openai around the official openai client (__fixtures__/record/record-openllmetry.mjs):
// openllmetry.json with 0.27.0 (gen_ai.input.messages), openllmetry-legacy.json with 0.22.x (gen_ai.prompt.N).
const current = loadCanonicalSpans('openllmetry.json');
const legacy = loadCanonicalSpans('openllmetry-legacy.json');

describe('OpenLLMetry conventions (recorded)', () => {
  it('reads workflow, agent, tool and task spans with their unwrapped inputs and outputs', () => {
    for (const spans of [current, legacy]) {
      const workflow = spanNamed(spans, 'plan_trip.workflow');
      expect(workflow).toMatchObject({ kind: 'chain', operation: 'workflow', parentSpanId: null });
      expect(workflow.input).toEqual({ type: 'text', text: 'What is the weather in Paris?' });
      expect(workflow.output).toEqual({ type: 'text', text: 'It is 18°C and sunny in Paris right now.' });
      expect(spanNamed(spans, 'planner.agent')).toMatchObject({ kind: 'agent', agentName: 'planner' });
      expect(spanNamed(spans, 'get_weather.tool')).toMatchObject({
        kind: 'tool',
        toolName: 'get_weather',
        toolArgs: '{"city":"Paris"}',
        toolResult: '18°C, sunny',
      });
      expect(spanNamed(spans, 'format_answer.task').kind).toBe('chain');
    }
  });

  it('takes the session and user from association properties, on every span of the workflow', () => {
    for (const spans of [current, legacy]) {
      const inWorkflow = spans.filter((span) => span.name !== 'embed_question.task');
      expect(inWorkflow.length).toBeGreaterThan(4);
      for (const span of inWorkflow)
        expect(span).toMatchObject({ sessionId: 'sess-42', userId: 'user-1729' });
    }
  });

  it('reads chat calls in the current format (gen_ai.input.messages)', () => {
    const [first, second] = spansNamed(current, 'chat gpt-4o-mini');
    expect(first).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 1310,
      outputTokens: 17,
    });
    expect(first!.output).toMatchObject({
      type: 'messages',
      messages: [{ role: 'assistant', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] }],
    });
    const roles =
      second!.input?.type === 'messages' ? second!.input.messages.map((message) => message.role) : [];
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool']);
  });

  it('reads chat calls in the legacy indexed format (gen_ai.prompt.N / gen_ai.completion.N)', () => {
    const [first, second] = spansNamed(legacy, 'openai.chat');
    expect(first).toMatchObject({
      kind: 'llm',
      operation: 'chat',
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      inputTokens: 1310,
      outputTokens: 17,
    });
    expect(first!.input).toEqual({
      type: 'messages',
      messages: [
        { role: 'system', content: 'You plan trips. Use tools for live data.' },
        { role: 'user', content: 'What is the weather in Paris?' },
      ],
    });
    expect(first!.output).toEqual({
      type: 'messages',
      messages: [
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
      ],
    });
    const history = second!.input?.type === 'messages' ? second!.input.messages : [];
    // The assistant turn that only called a tool was recorded as the string "null".
    expect(history.map((message) => [message.role, message.content])).toEqual([
      ['system', 'You plan trips. Use tools for live data.'],
      ['user', 'What is the weather in Paris?'],
      ['assistant', null],
      ['tool', '18°C, sunny'],
    ]);
    expect(second!.output).toEqual({
      type: 'messages',
      messages: [{ role: 'assistant', content: 'It is 18°C and sunny in Paris right now.' }],
    });
  });

  it("reads Traceloop's cache and reasoning counters and embedding requests", () => {
    const span = normalizeSpan(
      otlpSpan({
        'llm.request.type': 'embedding',
        'gen_ai.system': 'OpenAI',
        'gen_ai.usage.cache_read_input_tokens': 1024,
        'gen_ai.usage.cache_creation_input_tokens': 64,
        'gen_ai.usage.reasoning_tokens': 12,
        'traceloop.association.properties.sessionId': 'camel-session',
      }),
    );
    expect(span).toMatchObject({
      kind: 'embedding',
      provider: 'openai',
      cacheReadTokens: 1024,
      cacheWriteTokens: 64,
      reasoningTokens: 12,
      sessionId: 'camel-session',
    });
  });
});
