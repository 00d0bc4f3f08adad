import type { CanonicalSpan, ReviewItem } from '@sextant/core';

/**
 * Snapshots what a reviewer needs from a trace: the root's input and output, every retrieved document and every
 * tool call with its result, in time order.
 */
export function reviewItemFromTrace(traceId: string, spans: readonly CanonicalSpan[]): ReviewItem {
  const ordered = [...spans].sort((a, b) => a.startTimeUs - b.startTimeUs);
  const root = ordered.find((span) => span.parentSpanId === null) ?? ordered[0];
  // A root without content (a plain wrapper) defers to the first model call that has some.
  const withInput = root?.input ? root : ordered.find((span) => span.input !== null);
  const withOutput = root?.output ? root : [...ordered].reverse().find((span) => span.output !== null);
  const documents = ordered.flatMap((span) => span.documents ?? []);
  const toolCalls = ordered
    .filter((span) => span.toolName !== null)
    .map((span) => ({
      name: span.toolName ?? '',
      arguments: span.toolArgs ?? '',
      ...(span.toolResult !== null ? { result: span.toolResult } : {}),
    }));
  return {
    id: traceId,
    source: 'trace',
    traceId,
    origin: root ? `trace:${root.name}` : 'trace',
    input: withInput?.input ?? null,
    output: withOutput?.output ?? null,
    ...(documents.length > 0 ? { documents: documents.slice(0, 100) } : {}),
    ...(toolCalls.length > 0 ? { toolCalls: toolCalls.slice(0, 100) } : {}),
  };
}
