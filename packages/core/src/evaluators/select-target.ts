import { z } from 'zod';
import { fail, ok, type Result } from '../result.js';
import {
  type CanonicalSpan,
  type SpanContent,
  spanKindSchema,
  type ToolCall,
} from '../span/canonical-span.js';

/** Which part of the selected span is scored. */
export const targetFieldSchema = z.enum(['output', 'input', 'documents', 'toolCalls']);
export type TargetField = z.infer<typeof targetFieldSchema>;

/**
 * Picks what to score inside a trace. With neither `kind` nor `name` it is the root span (the whole
 * chain); otherwise the spans matching both. `occurrence` chooses, by start time, among the matches
 * that carry the field: `last` (default: the final answer), `first`, or `all` (documents and tool
 * calls concatenated, inputs and outputs listed). `field` defaults to `output`.
 * @example { kind: 'retrieval', field: 'documents' } // the retrieved documents, for context relevance
 */
export const targetSelectorSchema = z.object({
  kind: spanKindSchema.optional(),
  name: z.string().min(1).optional(),
  field: targetFieldSchema.optional(),
  occurrence: z.enum(['first', 'last', 'all']).optional(),
});
export type TargetSelector = z.infer<typeof targetSelectorSchema>;

/** The value to score and the spans it came from. */
export interface TargetSelection {
  /**
   * `output`/`input`: the text, the JSON value, or the `ChatMessage[]` of the span's content.
   * `documents`: `RetrievedDocument[]`. `toolCalls`: `ToolCall[]`. With `occurrence: 'all'` and
   * `output`/`input`, an array with one such value per span.
   */
  value: unknown;
  spans: CanonicalSpan[];
}

/**
 * Extracts what a target selector points at. Fails, with a message naming the spans the trace does
 * have, when nothing matches or the matching spans lack the field.
 */
export function selectTarget(
  spans: readonly CanonicalSpan[],
  selector: TargetSelector,
): Result<TargetSelection, string> {
  const field = selector.field ?? 'output';
  if (spans.length === 0) {
    return fail(`the target (${describeSelector(selector)}) needs the trace's spans, but this run has none`);
  }
  const matches = matchingSpans(spans, selector);
  if (matches.length === 0) {
    return fail(`no ${describeSelector(selector)} in this trace; its spans are: ${describeSpans(spans)}`);
  }
  const withField = matches.filter((span) => fieldValue(span, field) !== undefined);
  if (withField.length === 0) {
    const which = matches.length === 1 ? describeSpan(matches[0]!) : `${matches.length} matching spans`;
    return fail(`${which} ${matches.length === 1 ? 'has' : 'have'} no ${fieldWords[field]}`);
  }
  const occurrence = selector.occurrence ?? 'last';
  if (occurrence !== 'all') {
    const span = occurrence === 'first' ? withField[0]! : withField[withField.length - 1]!;
    return ok({ value: fieldValue(span, field), spans: [span] });
  }
  const values = withField.map((span) => fieldValue(span, field));
  const flatten = field === 'documents' || field === 'toolCalls';
  return ok({ value: flatten ? values.flat() : values, spans: withField });
}

/** Matches sorted by start time; the root span (earliest without a parent in the trace) when unfiltered. */
function matchingSpans(spans: readonly CanonicalSpan[], selector: TargetSelector): CanonicalSpan[] {
  const sorted = [...spans].sort((a, b) => a.startTimeUs - b.startTimeUs || a.endTimeUs - b.endTimeUs);
  if (selector.kind === undefined && selector.name === undefined) {
    const ids = new Set(spans.map((span) => span.spanId));
    const root = sorted.find((span) => span.parentSpanId === null || !ids.has(span.parentSpanId));
    return root ? [root] : [];
  }
  return sorted.filter(
    (span) =>
      (selector.kind === undefined || span.kind === selector.kind) &&
      (selector.name === undefined || span.name === selector.name),
  );
}

/** The field's value, or undefined when the span does not carry it. */
function fieldValue(span: CanonicalSpan, field: TargetField): unknown {
  switch (field) {
    case 'output':
      return contentValue(span.output);
    case 'input':
      return contentValue(span.input);
    case 'documents':
      return span.documents ?? undefined;
    case 'toolCalls': {
      const calls = spanToolCalls(span);
      return calls.length > 0 ? calls : undefined;
    }
  }
}

function contentValue(content: SpanContent | null): unknown {
  if (!content) return undefined;
  switch (content.type) {
    case 'text':
      return content.text;
    case 'json':
      return content.value;
    case 'messages':
      return content.messages;
  }
}

/** A tool span's own call, or the calls an llm span's output messages request. */
export function spanToolCalls(span: CanonicalSpan): ToolCall[] {
  if (span.kind === 'tool') {
    const call: ToolCall = { name: span.toolName ?? span.name, arguments: span.toolArgs ?? '' };
    if (span.toolCallId) call.id = span.toolCallId;
    return [call];
  }
  if (span.output?.type !== 'messages') return [];
  return span.output.messages.flatMap((message) => message.toolCalls ?? []);
}

const fieldWords: Record<TargetField, string> = {
  output: 'output',
  input: 'input',
  documents: 'retrieved documents',
  toolCalls: 'tool calls',
};

function describeSelector(selector: TargetSelector): string {
  if (selector.kind === undefined && selector.name === undefined) return 'root span';
  const parts = [
    selector.kind === undefined ? undefined : `kind '${selector.kind}'`,
    selector.name === undefined ? undefined : `name '${selector.name}'`,
  ];
  return `span with ${parts.filter((part) => part !== undefined).join(' and ')}`;
}

function describeSpan(span: CanonicalSpan): string {
  return `${span.kind} span '${span.name}'`;
}

/** "llm 'chat' (x2), tool 'search'": each distinct kind and name once, with a count. */
function describeSpans(spans: readonly CanonicalSpan[]): string {
  const counts = new Map<string, number>();
  for (const span of spans) {
    const key = `${span.kind} '${span.name}'`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => (count > 1 ? `${key} (x${count})` : key)).join(', ');
}
