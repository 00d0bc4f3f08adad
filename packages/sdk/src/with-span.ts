import type { Span } from '@opentelemetry/api';
import { runInSpan, type StepOptions } from './run-in-span.js';
import { setInput, setOutput } from './span-data.js';

/** Options of {@link withSpan}. */
export interface WithSpanOptions extends StepOptions {
  /** Recorded as the step's input when given. */
  input?: unknown;
  /** Record the block's return value (resolved, if a promise) as the output (default true). */
  captureOutput?: boolean;
}

/**
 * Runs an inline block in its own span, nested under the active span, and returns what the block
 * returns. The block gets the span to attach data to; errors are recorded and rethrown unchanged.
 */
export function withSpan<R>(name: string, fn: (span: Span) => R): R;
export function withSpan<R>(name: string, options: WithSpanOptions, fn: (span: Span) => R): R;
export function withSpan<R>(
  name: string,
  optionsOrFn: WithSpanOptions | ((span: Span) => R),
  maybeFn?: (span: Span) => R,
): R {
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function')
    throw new TypeError(`withSpan('${name}'): the last argument must be a function`);
  return runInSpan(name, options, fn, {
    onStart: (span) => {
      if (options.input !== undefined) setInput(span, options.input);
    },
    onOutput: (span, output) => {
      if (options.captureOutput !== false) setOutput(span, output);
    },
  });
}
