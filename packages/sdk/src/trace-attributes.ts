import { type Attributes, type Context, context, createContextKey, type Span } from '@opentelemetry/api';
import type { ReadableSpan, Span as SdkSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { GenAiAttributes, SextantAttributes } from './attributes.js';

/**
 * Attributes that describe the whole trace rather than one step: who, in which conversation, and
 * which versioned prompt and release produced it.
 */
export interface TraceAttributes {
  /** The conversation or session the trace belongs to. */
  sessionId?: string;
  /** The end user of the app. */
  userId?: string;
  /** Free-form labels; nested scopes add to the outer tags. */
  tags?: readonly string[];
  promptName?: string;
  promptVersion?: string | number;
  releaseId?: string;
}

const TRACE_ATTRIBUTES_KEY = createContextKey('sextant.trace-attributes');

/** The trace attributes in force in `ctx`, if any. */
export function getTraceAttributes(ctx: Context = context.active()): TraceAttributes | undefined {
  return ctx.getValue(TRACE_ATTRIBUTES_KEY) as TraceAttributes | undefined;
}

/** `ctx` with `attributes` merged over the ones already in it (tags are added, not replaced). */
export function withTraceAttributesInContext(ctx: Context, attributes: TraceAttributes): Context {
  const outer = getTraceAttributes(ctx);
  const merged = mergeTraceAttributes(outer, attributes);
  return merged === outer ? ctx : ctx.setValue(TRACE_ATTRIBUTES_KEY, merged);
}

/**
 * Runs `fn` with trace attributes in the active context: every span started inside it, including
 * spans of libraries such as the Vercel AI SDK, carries them (needs the provider set up by `init`).
 */
export function withTraceAttributes<R>(attributes: TraceAttributes, fn: () => R): R {
  return context.with(withTraceAttributesInContext(context.active(), attributes), fn);
}

/** Sets trace attributes on one span; a no-op for an undefined span. */
export function setTraceAttributes(span: Span | undefined, attributes: TraceAttributes): void {
  span?.setAttributes(toSpanAttributes(attributes));
}

/** Picks the trace attribute fields out of a larger options object. */
export function pickTraceAttributes(options: TraceAttributes): TraceAttributes {
  const { sessionId, userId, tags, promptName, promptVersion, releaseId } = options;
  return { sessionId, userId, tags, promptName, promptVersion, releaseId };
}

function mergeTraceAttributes(
  outer: TraceAttributes | undefined,
  inner: TraceAttributes,
): TraceAttributes | undefined {
  const defined = Object.fromEntries(
    Object.entries(inner).filter(([, value]) => value !== undefined),
  ) as TraceAttributes;
  if (Object.keys(defined).length === 0) return outer;
  const tags =
    outer?.tags && defined.tags
      ? [...new Set([...outer.tags, ...defined.tags])]
      : (defined.tags ?? outer?.tags);
  return { ...outer, ...defined, ...(tags ? { tags } : {}) };
}

function toSpanAttributes(attributes: TraceAttributes): Attributes {
  const result: Attributes = {};
  if (attributes.sessionId !== undefined) result[SextantAttributes.sessionId] = attributes.sessionId;
  if (attributes.userId !== undefined) result[SextantAttributes.userId] = attributes.userId;
  if (attributes.tags !== undefined && attributes.tags.length > 0)
    result[SextantAttributes.tags] = [...attributes.tags];
  if (attributes.promptName !== undefined) {
    result[SextantAttributes.promptName] = attributes.promptName;
    result[GenAiAttributes.promptName] = attributes.promptName;
  }
  if (attributes.promptVersion !== undefined)
    result[SextantAttributes.promptVersion] = String(attributes.promptVersion);
  if (attributes.releaseId !== undefined) result[SextantAttributes.releaseId] = attributes.releaseId;
  return result;
}

/**
 * Stamps the trace attributes in force when a span starts onto that span, so spans created by
 * other libraries inside `withTraceAttributes` (or a `traced` step with a `sessionId`) carry them.
 */
export class TraceAttributesSpanProcessor implements SpanProcessor {
  onStart(span: SdkSpan, parentContext: Context): void {
    const attributes = getTraceAttributes(parentContext);
    if (attributes) span.setAttributes(toSpanAttributes(attributes));
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
