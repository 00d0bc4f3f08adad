import type { OtlpEvent, OtlpSpan } from '../otlp/otlp-span.js';
import type { CanonicalSpan, SpanError, SpanStatus } from '../span/canonical-span.js';
import { emptySpan } from '../span/canonical-span.js';
import { readId, readString } from './attribute-readers.js';
import { applyGenAi } from './gen-ai-conventions.js';
import { applyGenAiDeprecated } from './gen-ai-deprecated-conventions.js';
import { applyOpenInference } from './openinference-conventions.js';
import { applyOpenLlmetry } from './openllmetry-conventions.js';
import { applySextant } from './sextant-conventions.js';
import { applyVercelAi, isVercelAiWrapper } from './vercel-ai-conventions.js';

const STATUSES: readonly SpanStatus[] = ['unset', 'ok', 'error'];

/**
 * Maps a decoded OTLP span onto Sextant's canonical span, recognising the GenAI conventions in use today.
 * A span may carry several; they are applied most specific first (Sextant's own `sextant.*`, the AI SDK's
 * `ai.*`, OpenInference, OpenLLMetry, OTel GenAI, deprecated OTel GenAI) and each only fills fields the
 * earlier ones left empty. All attributes are kept in `rawAttributes` (the same object, not a copy).
 * @example normalizeSpan(decoded.spans[0]).inputTokens // 1310
 */
export function normalizeSpan(source: OtlpSpan): CanonicalSpan {
  const { traceId, spanId, name, startTimeUs, endTimeUs } = source;
  const span = emptySpan({ traceId, spanId, name, startTimeUs, endTimeUs });
  const attributes = source.attributes;
  span.parentSpanId = source.parentSpanId;
  span.status = STATUSES[source.statusCode] ?? 'unset';
  span.statusMessage = source.statusMessage;
  span.rawAttributes = attributes;
  span.resourceAttributes = source.resource;
  span.serviceName = readString(source.resource, 'service.name');
  span.scopeName = source.scopeName;

  applySextant(span, attributes);
  applyVercelAi(span, attributes);
  applyOpenInference(span, attributes);
  applyOpenLlmetry(span, attributes);
  applyGenAi(span, attributes);
  applyGenAiDeprecated(span, attributes, source.events);
  if (isVercelAiWrapper(attributes)) clearTokens(span);

  span.sessionId ??= readId(attributes, 'session.id');
  span.userId ??= readId(attributes, 'user.id') ?? readId(attributes, 'enduser.id');
  if (span.kind === 'agent') span.agentName ??= source.name;
  if (span.kind === 'tool') span.toolName ??= source.name;
  span.error = spanError(
    source.events,
    span.status,
    span.statusMessage,
    readString(attributes, 'error.type'),
  );
  return span;
}

/** The AI SDK's outer spans repeat the sum of their steps' usage; only the steps keep tokens. */
function clearTokens(span: CanonicalSpan): void {
  span.inputTokens = null;
  span.outputTokens = null;
  span.cacheReadTokens = null;
  span.cacheWriteTokens = null;
  span.reasoningTokens = null;
}

/**
 * The last `exception` event (OTel's recordException), else for an error status its message
 * (with `error.type` as the type when present); null for spans that did not fail.
 */
function spanError(
  events: OtlpEvent[],
  status: SpanStatus,
  statusMessage: string | null,
  errorType: string | null,
): SpanError | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index]!;
    if (event.name !== 'exception') continue;
    const type = readString(event.attributes, 'exception.type');
    const message = readString(event.attributes, 'exception.message') ?? statusMessage ?? type ?? 'exception';
    const stack = readString(event.attributes, 'exception.stacktrace');
    return { ...(type !== null ? { type } : {}), message, ...(stack !== null ? { stack } : {}) };
  }
  if (status !== 'error') return null;
  return {
    ...(errorType !== null ? { type: errorType } : {}),
    message: statusMessage ?? errorType ?? 'error',
  };
}
