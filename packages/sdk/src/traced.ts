import type { Span } from '@opentelemetry/api';
import { runInSpan, type StepOptions } from './run-in-span.js';
import { serializeValue } from './serialize-value.js';
import { settings } from './settings.js';
import {
  type RetrievedDocument,
  setInput,
  setOutput,
  setRetrievedDocuments,
  setToolCall,
} from './span-data.js';

/** Options of {@link traced}. */
export interface TracedOptions<Args extends unknown[], Output> extends StepOptions {
  /**
   * Record the arguments as the input (default true): one argument as itself, several as an array.
   * A function picks or redacts what is recorded.
   */
  captureInput?: boolean | ((...args: Args) => unknown);
  /** Record the return value (resolved, for async functions) as the output (default true). */
  captureOutput?: boolean | ((output: Awaited<Output>) => unknown);
  /** For `kind: 'tool'`, the tool name recorded as `gen_ai.tool.name`; default the span name. */
  toolName?: string;
}

/**
 * Wraps `fn` so each call runs in its own span, nested under the caller's span. The wrapper has
 * the same signature: it returns what `fn` returns and rethrows what `fn` throws, unchanged.
 */
export function traced<Args extends unknown[], Output, This = unknown>(
  name: string,
  fn: (this: This, ...args: Args) => Output,
): (this: This, ...args: Args) => Output;
export function traced<Args extends unknown[], Output, This = unknown>(
  name: string,
  options: TracedOptions<Args, Output>,
  fn: (this: This, ...args: Args) => Output,
): (this: This, ...args: Args) => Output;
export function traced<Args extends unknown[], Output, This = unknown>(
  name: string,
  optionsOrFn: TracedOptions<Args, Output> | ((this: This, ...args: Args) => Output),
  maybeFn?: (this: This, ...args: Args) => Output,
): (this: This, ...args: Args) => Output {
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function')
    throw new TypeError(`traced('${name}'): the last argument must be a function`);
  const isTool = options.kind === 'tool';
  const wrapper = function (this: This, ...args: Args): Output {
    return runInSpan(name, options, () => fn.apply(this, args), {
      onStart: (span) => {
        const input = pick(options.captureInput, () => (args.length === 1 ? args[0] : args), args);
        if (input === skipped) return;
        setInput(span, input);
        // Tool arguments are stored as JSON text even when the tool takes one string.
        if (isTool) setToolCall(span, { name: options.toolName ?? name, arguments: toJson(input) });
      },
      onOutput: (span, output) => recordOutput(span, options, output),
    });
  };
  Object.defineProperty(wrapper, 'name', { value: fn.name || name });
  return wrapper;
}

const skipped = Symbol('skipped');

function pick<Args extends unknown[]>(
  capture: boolean | ((...args: Args) => unknown) | undefined,
  defaultValue: () => unknown,
  args: Args,
): unknown {
  if (capture === false) return skipped;
  return typeof capture === 'function' ? capture(...args) : defaultValue();
}

function recordOutput<Args extends unknown[], Output>(
  span: Span,
  options: TracedOptions<Args, Output>,
  output: Awaited<Output>,
): void {
  if (options.captureOutput === false) return;
  const value = typeof options.captureOutput === 'function' ? options.captureOutput(output) : output;
  setOutput(span, value);
  if (options.kind === 'tool') setToolCall(span, { result: toJson(value) });
  if (options.kind === 'retrieval') {
    const documents = asDocuments(value);
    if (documents) setRetrievedDocuments(span, documents);
  }
}

/** Documents from a retriever's result: `{ content }` objects, or LangChain-style `{ pageContent }`. */
function asDocuments(value: unknown): RetrievedDocument[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const documents: RetrievedDocument[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return undefined;
    const record = item as Record<string, unknown>;
    const content = typeof record.content === 'string' ? record.content : record.pageContent;
    if (typeof content !== 'string') return undefined;
    documents.push({
      content,
      id: typeof record.id === 'string' || typeof record.id === 'number' ? record.id : undefined,
      score: typeof record.score === 'number' ? record.score : undefined,
      metadata:
        typeof record.metadata === 'object' && record.metadata !== null
          ? (record.metadata as Record<string, unknown>)
          : undefined,
    });
  }
  return documents;
}

function toJson(value: unknown): string | undefined {
  return serializeValue(value, settings.maxAttributeLength);
}
