import { type Attributes, type Span, trace } from '@opentelemetry/api';
import { GenAiAttributes, retrievalDocumentAttribute, SextantAttributes } from './attributes.js';
import { serializeValue, truncateText } from './serialize-value.js';
import { settings } from './settings.js';

/** A document a retrieval step returned, in ranking order. */
export interface RetrievedDocument {
  id?: string | number;
  content: string;
  score?: number;
  metadata?: Record<string, unknown>;
}

/** Model, provider and token counts of one model call. */
export interface LlmUsage {
  /** The model asked for, e.g. `gpt-4o-mini`. */
  model?: string;
  /** The model that answered when the provider reports a more precise one, e.g. `gpt-4o-mini-2024-07-18`. */
  responseModel?: string;
  /** e.g. `openai`, `anthropic`, `ollama`. */
  provider?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Input tokens served from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Input tokens written to the provider's prompt cache. */
  cacheWriteTokens?: number;
  /** Output tokens spent on hidden reasoning. */
  reasoningTokens?: number;
}

/**
 * One tool invocation. Strings in `arguments` and `result` are stored as given (models produce
 * arguments as JSON text); other values as JSON. Fields left out are not touched on the span.
 */
export interface ToolCall {
  name?: string;
  id?: string;
  arguments?: unknown;
  result?: unknown;
}

/** Most documents recorded per span; OTel drops attributes past its per-span count limit. */
export const MAX_RECORDED_DOCUMENTS = 100;

/** The span active in the current context (inside `traced` or `withSpan`, that step's span). */
export function getActiveSpan(): Span | undefined {
  return trace.getActiveSpan();
}

/** Records a step's input as JSON text (`sextant.input`); a no-op for an undefined span. */
export function setInput(span: Span | undefined, input: unknown): void {
  setJsonAttribute(span, SextantAttributes.input, input);
}

/** Records a step's output as JSON text (`sextant.output`); a no-op for an undefined span. */
export function setOutput(span: Span | undefined, output: unknown): void {
  setJsonAttribute(span, SextantAttributes.output, output);
}

/**
 * Records retrieved documents as OpenInference `retrieval.documents.N.document.*` attributes,
 * keeping the first {@link MAX_RECORDED_DOCUMENTS}.
 */
export function setRetrievedDocuments(span: Span | undefined, documents: readonly RetrievedDocument[]): void {
  if (!span) return;
  const attributes: Attributes = {};
  documents.slice(0, MAX_RECORDED_DOCUMENTS).forEach((document, index) => {
    attributes[retrievalDocumentAttribute(index, 'content')] = truncateText(
      String(document.content),
      settings.maxAttributeLength,
    );
    if (document.id !== undefined) attributes[retrievalDocumentAttribute(index, 'id')] = String(document.id);
    if (typeof document.score === 'number')
      attributes[retrievalDocumentAttribute(index, 'score')] = document.score;
    if (document.metadata !== undefined) {
      const metadata = serializeValue(document.metadata, settings.maxAttributeLength);
      if (metadata !== undefined) attributes[retrievalDocumentAttribute(index, 'metadata')] = metadata;
    }
  });
  span.setAttributes(attributes);
}

/** Records model, provider and token usage as OTel `gen_ai.*` attributes. */
export function setLlmUsage(span: Span | undefined, usage: LlmUsage): void {
  if (!span) return;
  const attributes: Attributes = {
    [GenAiAttributes.requestModel]: usage.model,
    [GenAiAttributes.responseModel]: usage.responseModel,
    [GenAiAttributes.providerName]: usage.provider,
    [GenAiAttributes.inputTokens]: usage.inputTokens,
    [GenAiAttributes.outputTokens]: usage.outputTokens,
    [GenAiAttributes.cacheReadInputTokens]: usage.cacheReadTokens,
    [GenAiAttributes.cacheCreationInputTokens]: usage.cacheWriteTokens,
    [GenAiAttributes.reasoningOutputTokens]: usage.reasoningTokens,
  };
  span.setAttributes(withoutUndefined(attributes));
}

/** Records a tool invocation as OTel `gen_ai.tool.*` attributes. */
export function setToolCall(span: Span | undefined, call: ToolCall): void {
  if (!span) return;
  const attributes: Attributes = {
    [GenAiAttributes.toolName]: call.name,
    [GenAiAttributes.toolCallId]: call.id,
    [GenAiAttributes.toolCallArguments]: toText(call.arguments),
    [GenAiAttributes.toolCallResult]: toText(call.result),
  };
  span.setAttributes(withoutUndefined(attributes));
}

function setJsonAttribute(span: Span | undefined, name: string, value: unknown): void {
  if (!span) return;
  const text = serializeValue(value, settings.maxAttributeLength);
  if (text !== undefined) span.setAttribute(name, text);
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return truncateText(value, settings.maxAttributeLength);
  return serializeValue(value, settings.maxAttributeLength);
}

function withoutUndefined(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}
