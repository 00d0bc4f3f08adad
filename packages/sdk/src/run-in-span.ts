import { type Attributes, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { SextantAttributes, type SextantSpanKind } from './attributes.js';
import { serializeValue } from './serialize-value.js';
import { getSdkTracer } from './settings.js';
import {
  getTraceAttributes,
  pickTraceAttributes,
  setTraceAttributes,
  type TraceAttributes,
  withTraceAttributesInContext,
} from './trace-attributes.js';

/** Options shared by `traced` and `withSpan`. Trace attributes given here also apply to child spans. */
export interface StepOptions extends TraceAttributes {
  /** What the step does. Default `chain`. */
  kind?: SextantSpanKind;
  /** Extra attributes for the step's span. */
  attributes?: Attributes;
}

export interface StepHooks<R> {
  onStart?: (span: Span) => void;
  /** Gets the return value, or for a promise its resolved value. */
  onOutput?: (span: Span, output: Awaited<R>) => void;
}

/**
 * Runs `body` as the active span `name`, ending the span when `body` returns or, for a native
 * promise, settles. Errors are recorded and rethrown unchanged. Tracing code never throws into the
 * caller: a failing hook only loses its attributes. Only native promises are awaited, because
 * calling `then` on another thenable (such as a lazy query builder) can run it.
 */
export function runInSpan<R>(
  name: string,
  options: StepOptions,
  body: (span: Span) => R,
  hooks: StepHooks<R> = {},
): R {
  const parentContext = withTraceAttributesInContext(context.active(), pickTraceAttributes(options));
  const span = getSdkTracer().startSpan(
    name,
    { attributes: { ...options.attributes, [SextantAttributes.spanKind]: options.kind ?? 'chain' } },
    parentContext,
  );
  safely(() => {
    setTraceAttributes(span, getTraceAttributes(parentContext) ?? {});
    hooks.onStart?.(span);
  });
  return context.with(trace.setSpan(parentContext, span), () => {
    let result: R;
    try {
      result = body(span);
    } catch (error) {
      endWithError(span, error);
      throw error;
    }
    if (result instanceof Promise) {
      const settled = result.then(
        (value: Awaited<R>) => {
          endWithOutput(span, value, hooks);
          return value;
        },
        (error: unknown) => {
          endWithError(span, error);
          throw error;
        },
      );
      // Same resolved value or rejection reason as `result`, so the caller sees no difference.
      return settled as R;
    }
    if (isThenable(result))
      span.end(); // its value is not known here, and reading it could run it
    else endWithOutput(span, result as Awaited<R>, hooks);
    return result;
  });
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

function endWithOutput<R>(span: Span, output: Awaited<R>, hooks: StepHooks<R>): void {
  safely(() => hooks.onOutput?.(span, output));
  span.end();
}

function endWithError(span: Span, error: unknown): void {
  safely(() => {
    const message = error instanceof Error ? error.message : describe(error);
    span.recordException(error instanceof Error ? error : { name: typeof error, message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  });
  span.end();
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : (serializeValue(value, 1000) ?? typeof value);
}

/** Runs tracing code that must not break the traced app. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Losing an attribute is better than failing the user's call.
  }
}
