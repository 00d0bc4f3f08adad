import type { CanonicalSpan } from '../span/canonical-span.js';
import { isRecord } from './evaluation-values.js';
import type { EvaluationInput } from './evaluator.js';
import { parseJsonValue } from './json-compare.js';
import { spanToolCalls } from './select-target.js';

/** A tool call the agent made, with its arguments parsed from JSON when they are JSON. */
export interface ObservedToolCall {
  name: string;
  arguments: unknown;
}

/**
 * Where tool calls are read from. `auto` (default): the output when it holds tool calls (tool
 * calls, chat messages, a span's message content), else the trace's tool spans, else the tool calls
 * its llm spans requested. The others force one source.
 */
export type ToolCallSource = 'auto' | 'output' | 'tool-spans' | 'llm-spans';

/** The tool calls of a run, in the order they were made (spans by start time). */
export function observedToolCalls(
  input: EvaluationInput,
  source: ToolCallSource = 'auto',
): ObservedToolCall[] {
  const spans = [...(input.spans ?? [])].sort(
    (a, b) => a.startTimeUs - b.startTimeUs || a.endTimeUs - b.endTimeUs,
  );
  const fromOutput = () => toolCallsInValue(input.output);
  const fromTools = () => fromSpans(spans.filter((span) => span.kind === 'tool'));
  const fromLlms = () => fromSpans(spans.filter((span) => span.kind === 'llm'));
  switch (source) {
    case 'output':
      return fromOutput();
    case 'tool-spans':
      return fromTools();
    case 'llm-spans':
      return fromLlms();
    case 'auto':
      for (const read of [fromOutput, fromTools, fromLlms]) {
        const calls = read();
        if (calls.length > 0) return calls;
      }
      return [];
  }
}

function fromSpans(spans: readonly CanonicalSpan[]): ObservedToolCall[] {
  return spans.flatMap((span) => spanToolCalls(span)).map((call) => observed(call.name, call.arguments));
}

/**
 * Tool calls held in a value: `[{ name, arguments }]`, chat messages with `toolCalls` (Sextant) or
 * `tool_calls: [{ function: { name, arguments } }]` (OpenAI), or `{ type: 'messages', messages }`.
 */
function toolCallsInValue(value: unknown): ObservedToolCall[] {
  if (isRecord(value) && value.type === 'messages') return toolCallsInValue(value.messages);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): ObservedToolCall[] => {
    if (!isRecord(item)) return [];
    if (typeof item.role === 'string') {
      const calls = Array.isArray(item.toolCalls)
        ? item.toolCalls
        : Array.isArray(item.tool_calls)
          ? item.tool_calls
          : [];
      return calls.flatMap(toolCallInItem);
    }
    return toolCallInItem(item);
  });
}

function toolCallInItem(item: unknown): ObservedToolCall[] {
  if (!isRecord(item)) return [];
  const call = isRecord(item.function) ? item.function : item;
  if (typeof call.name !== 'string') return [];
  return [observed(call.name, call.arguments ?? call.args ?? call.input)];
}

function observed(name: string, rawArguments: unknown): ObservedToolCall {
  const parsed = parseJsonValue(rawArguments);
  return { name, arguments: 'value' in parsed ? parsed.value : rawArguments };
}
