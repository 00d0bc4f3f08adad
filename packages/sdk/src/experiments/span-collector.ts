import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type CanonicalSpan, normalizeSpan } from '@sextant/core';

const hrTimeToMicros = ([seconds, nanos]: readonly [number, number]) =>
  seconds * 1_000_000 + Math.floor(nanos / 1000);

/** The span as the server would store it: the same OTLP shape through the same normaliser. */
export function toCanonicalSpan(span: ReadableSpan): CanonicalSpan {
  return normalizeSpan({
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: span.kind + 1,
    startTimeUs: hrTimeToMicros(span.startTime),
    endTimeUs: hrTimeToMicros(span.endTime),
    attributes: { ...span.attributes },
    events: span.events.map((event) => ({
      name: event.name,
      timeUs: hrTimeToMicros(event.time),
      attributes: { ...event.attributes },
    })),
    statusCode: span.status.code,
    statusMessage: span.status.message ?? null,
    resource: { ...span.resource.attributes },
    scopeName: span.instrumentationScope.name,
  });
}

/**
 * Keeps the ended spans of watched traces in memory, so experiment evaluators can score a run's
 * components (retrieval, tool calls) without waiting for the server to ingest the trace. Spans of
 * traces nobody watches cost one map lookup.
 */
export class ExperimentSpanCollector implements SpanProcessor {
  private readonly watched = new Map<string, ReadableSpan[]>();

  watch(traceId: string): void {
    this.watched.set(traceId, []);
  }

  /**
   * The trace's ended spans, and stops watching it. They are normalised on first call of the returned
   * function: most evaluators never look at spans, so most runs never pay for it.
   */
  take(traceId: string): () => CanonicalSpan[] {
    const spans = this.watched.get(traceId) ?? [];
    this.watched.delete(traceId);
    let canonical: CanonicalSpan[] | undefined;
    return () => {
      canonical ??= spans.map(toCanonicalSpan);
      return canonical;
    };
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    this.watched.get(span.spanContext().traceId)?.push(span);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.watched.clear();
  }
}

/** The collector `init` installs; `runExperiment` reads from it. */
export const experimentSpans = new ExperimentSpanCollector();
