// Test helper: hand-built traces for cases the recorded fixtures do not cover.

import { loadCanonicalSpans } from '../../normalize/__fixtures__/load-fixture.js';
import { type CanonicalSpan, emptySpan, type SpanKind } from '../../span/canonical-span.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

/** A span of `kind` starting `offsetMs` after the trace began, with any fields overridden. */
export function span(
  kind: SpanKind,
  name: string,
  offsetMs: number,
  fields: Partial<CanonicalSpan> = {},
): CanonicalSpan {
  const startTimeUs = 1767225600000000 + offsetMs * 1000;
  const spanId = (offsetMs + 1).toString(16).padStart(16, '0');
  return {
    ...emptySpan({ traceId: TRACE_ID, spanId, name, startTimeUs, endTimeUs: startTimeUs + 500 }),
    kind,
    ...fields,
  };
}

/** A tool span for `toolName` called with `args`. */
export function toolSpan(toolName: string, args: unknown, offsetMs: number): CanonicalSpan {
  return span('tool', toolName, offsetMs, { toolName, toolArgs: JSON.stringify(args) });
}

/** The spans of one trace of a recorded fixture, chosen by the name of a span in it. */
export function recordedTrace(fixture: string, spanName: string): CanonicalSpan[] {
  const spans = loadCanonicalSpans(fixture);
  const anchor = spans.find((candidate) => candidate.name === spanName);
  if (!anchor) throw new Error(`no span named '${spanName}' in ${fixture}`);
  return spans.filter((candidate) => candidate.traceId === anchor.traceId);
}
