import { type CanonicalSpan, type SpanKind, spanContentPreview } from '@sextant/core';

/** What a batch of newly stored spans adds to one trace's totals. Adapters merge it into their trace row. */
export interface TraceRollup {
  traceId: string;
  name: string;
  hasRoot: boolean;
  startTimeUs: number;
  endTimeUs: number;
  spanCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  cost: number | null;
  sessionId: string | null;
  userId: string | null;
  releaseId: string | null;
  serviceName: string | null;
  tags: Set<string>;
  models: Set<string>;
  /** Span kinds present in the trace, for the trace list's kind filter. */
  kinds: Set<SpanKind>;
  inputPreview: string | null;
  outputPreview: string | null;
}

/** Only model calls count tokens, so a wrapper span repeating its child's usage is not counted twice. */
const countsTokens = (span: CanonicalSpan) => span.kind === 'llm' || span.kind === 'embedding';

/** Folds spans into per-trace rollups; the root span (no parent) names the trace and gives its previews. */
export function rollUpSpans(spans: Iterable<CanonicalSpan>): Map<string, TraceRollup> {
  const rollups = new Map<string, TraceRollup>();
  for (const span of spans) {
    let rollup = rollups.get(span.traceId);
    if (!rollup) {
      rollup = emptyRollup(span);
      rollups.set(span.traceId, rollup);
    }
    addSpan(rollup, span);
  }
  return rollups;
}

function emptyRollup(span: CanonicalSpan): TraceRollup {
  return {
    traceId: span.traceId,
    name: span.name,
    hasRoot: false,
    startTimeUs: span.startTimeUs,
    endTimeUs: span.endTimeUs,
    spanCount: 0,
    errorCount: 0,
    inputTokens: 0,
    outputTokens: 0,
    cost: null,
    sessionId: null,
    userId: null,
    releaseId: null,
    serviceName: null,
    tags: new Set(),
    models: new Set(),
    kinds: new Set(),
    inputPreview: null,
    outputPreview: null,
  };
}

function addSpan(rollup: TraceRollup, span: CanonicalSpan): void {
  const isRoot = span.parentSpanId === null;
  if (isRoot && !rollup.hasRoot) {
    rollup.hasRoot = true;
    rollup.name = span.name;
    rollup.inputPreview = spanContentPreview(span.input) ?? rollup.inputPreview;
    rollup.outputPreview = spanContentPreview(span.output) ?? rollup.outputPreview;
  } else if (!rollup.hasRoot) {
    rollup.inputPreview ??= spanContentPreview(span.input);
    rollup.outputPreview ??= spanContentPreview(span.output);
  }
  rollup.startTimeUs = Math.min(rollup.startTimeUs, span.startTimeUs);
  rollup.endTimeUs = Math.max(rollup.endTimeUs, span.endTimeUs);
  rollup.spanCount += 1;
  if (span.status === 'error') rollup.errorCount += 1;
  if (countsTokens(span)) {
    rollup.inputTokens += span.inputTokens ?? 0;
    rollup.outputTokens += span.outputTokens ?? 0;
  }
  if (span.cost !== null) rollup.cost = (rollup.cost ?? 0) + span.cost;
  rollup.sessionId ??= span.sessionId;
  rollup.userId ??= span.userId;
  rollup.releaseId ??= span.releaseId;
  rollup.serviceName ??= span.serviceName;
  for (const tag of span.tags) rollup.tags.add(tag);
  if (span.model) rollup.models.add(span.model);
  rollup.kinds.add(span.kind);
}
