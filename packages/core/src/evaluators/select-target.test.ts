import { describe, expect, it } from 'vitest';
import { evaluationText } from './evaluation-values.js';
import { selectTarget, targetSelectorSchema } from './select-target.js';
import { recordedTrace, span } from './test-support/trace-builder.js';

// A real RAG agent trace recorded from OpenInference instrumentation: agent 'support-agent' (root) →
// retrieval 'retrieve-kb' (2 documents) → llm (asks for get_weather) → tool 'get_weather' → llm (answer).
const trace = recordedTrace('openinference.json', 'support-agent');

describe('selectTarget on a recorded RAG agent trace', () => {
  it("picks the root span's output for the whole chain", () => {
    const selection = selectTarget(trace, {});
    expect(selection).toMatchObject({
      success: true,
      value: { value: 'It is 18°C and sunny in Paris right now.' },
    });
    expect(selection.success && selection.value.spans[0]?.name).toBe('support-agent');
  });

  it("picks the retrieval span's documents", () => {
    const selection = selectTarget(trace, { kind: 'retrieval', field: 'documents' });
    if (!selection.success) throw new Error(selection.error);
    expect(selection.value.value).toEqual([
      {
        content: 'Refunds are issued within 5 business days.',
        id: 'kb-112',
        score: 0.91,
        metadata: { source: 'faq.md' },
      },
      {
        content: 'Orders ship from Lyon and Paris.',
        id: 'kb-087',
        score: 0.74,
        metadata: { source: 'shipping.md' },
      },
    ]);
    expect(evaluationText(selection.value.value)).toBe(
      'Refunds are issued within 5 business days.\n\nOrders ship from Lyon and Paris.',
    );
  });

  it("picks the last llm call's messages, whose text is the final answer", () => {
    const selection = selectTarget(trace, { kind: 'llm' });
    if (!selection.success) throw new Error(selection.error);
    expect(Array.isArray(selection.value.value)).toBe(true);
    expect(evaluationText(selection.value.value)).toBe('It is 18°C and sunny in Paris right now.');
  });

  it('picks tool calls from the llm span that made them, and inputs as JSON values', () => {
    const calls = selectTarget(trace, { kind: 'llm', field: 'toolCalls' });
    expect(calls).toMatchObject({
      success: true,
      value: { value: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    expect(selectTarget(trace, { name: 'get_weather', field: 'input' })).toMatchObject({
      success: true,
      value: { value: { city: 'Paris' } },
    });
  });

  it("lists every match's value with occurrence 'all'", () => {
    const outputs = selectTarget(trace, { kind: 'llm', occurrence: 'all' });
    if (!outputs.success) throw new Error(outputs.error);
    expect((outputs.value.value as unknown[]).map(evaluationText)).toEqual([
      '',
      'It is 18°C and sunny in Paris right now.',
    ]);
    const first = selectTarget(trace, { kind: 'llm', occurrence: 'first', field: 'input' });
    expect(first.success && evaluationText(first.value.value)).toBe('What is the weather in Paris?');
  });

  it('says what the trace has when nothing matches, and what the match lacks', () => {
    expect(selectTarget(trace, { kind: 'embedding' })).toEqual({
      success: false,
      error:
        "no span with kind 'embedding' in this trace; its spans are: retrieval 'retrieve-kb', tool 'get_weather', " +
        "agent 'support-agent', llm 'OpenAI Chat Completions' (x2)",
    });
    expect(selectTarget(trace, { kind: 'retrieval', name: 'retrieve-kb', field: 'output' })).toEqual({
      success: false,
      error: "retrieval span 'retrieve-kb' has no output",
    });
    expect(selectTarget(trace, { kind: 'llm', field: 'documents' })).toEqual({
      success: false,
      error: '2 matching spans have no retrieved documents',
    });
    expect(selectTarget([], { kind: 'llm' })).toEqual({
      success: false,
      error: "the target (span with kind 'llm') needs the trace's spans, but this run has none",
    });
  });
});

describe('selectTarget on hand-built traces', () => {
  it('treats the earliest span whose parent never arrived as the root of a partial trace', () => {
    const orphan = span('chain', 'late-root', 5, {
      parentSpanId: 'ffffffffffffffff',
      output: { type: 'text', text: 'b' },
    });
    const child = span('llm', 'child', 10, {
      parentSpanId: orphan.spanId,
      output: { type: 'text', text: 'c' },
    });
    expect(selectTarget([child, orphan], {})).toMatchObject({ success: true, value: { value: 'b' } });
  });

  it('concatenates documents and tool calls across spans with occurrence "all"', () => {
    const spans = [
      span('retrieval', 'bm25', 0, { documents: [{ content: 'a' }] }),
      span('retrieval', 'vector', 1, { documents: [{ content: 'b' }, { content: 'c' }] }),
      span('tool', 'search', 2, { toolName: 'search', toolArgs: '{"q":"x"}', toolCallId: 'call_1' }),
    ];
    const documents = selectTarget(spans, { kind: 'retrieval', field: 'documents', occurrence: 'all' });
    expect(documents).toMatchObject({
      success: true,
      value: { value: [{ content: 'a' }, { content: 'b' }, { content: 'c' }] },
    });
    expect(selectTarget(spans, { kind: 'tool', field: 'toolCalls' })).toMatchObject({
      success: true,
      value: { value: [{ id: 'call_1', name: 'search', arguments: '{"q":"x"}' }] },
    });
  });

  it('is a zod schema, so stored selectors are validated', () => {
    expect(targetSelectorSchema.safeParse({ kind: 'retrieval', field: 'documents' }).success).toBe(true);
    expect(targetSelectorSchema.safeParse({ kind: 'database' }).success).toBe(false);
    expect(targetSelectorSchema.safeParse({ field: 'everything' }).success).toBe(false);
  });
});
