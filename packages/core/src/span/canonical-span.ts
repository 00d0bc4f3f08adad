import { z } from 'zod';

/** What a span does in a GenAI application; drives how the console renders it. */
export const spanKindSchema = z.enum([
  'llm',
  'embedding',
  'retrieval',
  'tool',
  'agent',
  'chain',
  'guardrail',
  'other',
]);
export type SpanKind = z.infer<typeof spanKindSchema>;

export const spanStatusSchema = z.enum(['unset', 'ok', 'error']);
export type SpanStatus = z.infer<typeof spanStatusSchema>;

export const toolCallSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  /** Arguments as the model produced them: usually a JSON string. */
  arguments: z.string(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

export const chatMessageSchema = z.object({
  role: z.string(),
  content: z.string().nullable(),
  toolCalls: z.array(toolCallSchema).optional(),
  toolCallId: z.string().optional(),
  name: z.string().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Span input or output, normalised so the console can render it for humans. */
export const spanContentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('messages'), messages: z.array(chatMessageSchema) }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('json'), value: z.unknown() }),
]);
export type SpanContent = z.infer<typeof spanContentSchema>;

export const retrievedDocumentSchema = z.object({
  id: z.string().optional(),
  content: z.string(),
  score: z.number().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type RetrievedDocument = z.infer<typeof retrievedDocumentSchema>;

export const spanErrorSchema = z.object({
  type: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
});
export type SpanError = z.infer<typeof spanErrorSchema>;

/**
 * Sextant's one span model: every convention (OTel gen_ai, OpenInference, OpenLLMetry, the AI SDK)
 * is normalised into it, and the original attributes are kept in `rawAttributes`.
 * Times are microseconds since the Unix epoch (exact in a JS number until year 2255).
 */
export const canonicalSpanSchema = z.object({
  traceId: z.string().regex(/^[0-9a-f]{32}$/),
  spanId: z.string().regex(/^[0-9a-f]{16}$/),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  kind: spanKindSchema,
  startTimeUs: z.number().int(),
  endTimeUs: z.number().int(),
  status: spanStatusSchema,
  statusMessage: z.string().nullable(),
  error: spanErrorSchema.nullable(),
  serviceName: z.string().nullable(),
  operation: z.string().nullable(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  cacheReadTokens: z.number().nullable(),
  cacheWriteTokens: z.number().nullable(),
  reasoningTokens: z.number().nullable(),
  /** US dollars; null when unknown. */
  cost: z.number().nullable(),
  /** True when `cost` rests on token counts Sextant estimated with a tokenizer (the provider reported no usage). */
  costEstimated: z.boolean(),
  input: spanContentSchema.nullable(),
  output: spanContentSchema.nullable(),
  documents: z.array(retrievedDocumentSchema).nullable(),
  toolName: z.string().nullable(),
  toolCallId: z.string().nullable(),
  toolArgs: z.string().nullable(),
  toolResult: z.string().nullable(),
  agentName: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  promptName: z.string().nullable(),
  promptVersion: z.string().nullable(),
  releaseId: z.string().nullable(),
  tags: z.array(z.string()),
  /** Span attributes as sent, flattened to `key: value`. */
  rawAttributes: z.record(z.string(), z.unknown()),
  /** Resource attributes as sent (service.name, sdk, host...). */
  resourceAttributes: z.record(z.string(), z.unknown()),
  scopeName: z.string().nullable(),
});
export type CanonicalSpan = z.infer<typeof canonicalSpanSchema>;

/**
 * A span with every optional field empty; normalisers fill in what their convention carries.
 * Fields are listed one by one, not spread from `base`, to keep this cheap on the ingestion hot path.
 */
export function emptySpan(
  base: Pick<CanonicalSpan, 'traceId' | 'spanId' | 'name' | 'startTimeUs' | 'endTimeUs'>,
): CanonicalSpan {
  return {
    traceId: base.traceId,
    spanId: base.spanId,
    name: base.name,
    startTimeUs: base.startTimeUs,
    endTimeUs: base.endTimeUs,
    parentSpanId: null,
    kind: 'other',
    status: 'unset',
    statusMessage: null,
    error: null,
    serviceName: null,
    operation: null,
    model: null,
    provider: null,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    cost: null,
    costEstimated: false,
    input: null,
    output: null,
    documents: null,
    toolName: null,
    toolCallId: null,
    toolArgs: null,
    toolResult: null,
    agentName: null,
    sessionId: null,
    userId: null,
    promptName: null,
    promptVersion: null,
    releaseId: null,
    tags: [],
    rawAttributes: {},
    resourceAttributes: {},
    scopeName: null,
  };
}
