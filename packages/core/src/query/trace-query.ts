import { z } from 'zod';
import { spanKindSchema } from '../span/canonical-span.js';

export const traceSortFieldSchema = z.enum(['time', 'name', 'latency', 'tokens', 'cost', 'status']);
export type TraceSortField = z.infer<typeof traceSortFieldSchema>;

const csv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .or(z.array(z.string()));

/**
 * Filters, sort and page of a trace list. Times are ISO-8601 strings or epoch milliseconds.
 * Every filter narrows: a trace matches when all given filters match.
 */
export const traceQuerySchema = z.object({
  from: z.coerce.date().optional().describe('Only traces that started at or after this time'),
  to: z.coerce.date().optional().describe('Only traces that started before this time'),
  name: z.string().min(1).optional().describe('Root span name (exact)'),
  kind: spanKindSchema.optional().describe('Traces containing a span of this kind'),
  model: z.string().min(1).optional().describe('Traces containing a span that used this model'),
  status: z.enum(['ok', 'error']).optional(),
  sessionId: z.string().min(1).optional().describe('Conversation id (gen_ai.conversation.id, session.id)'),
  userId: z.string().min(1).optional(),
  promptName: z.string().min(1).optional().describe('Traces containing a span made with this prompt'),
  promptVersion: z.string().min(1).optional().describe('With promptName: only this version of it'),
  releaseId: z.string().min(1).optional().describe('Traces recorded by this release (e.g. support-bot@3)'),
  tags: csv.optional().describe('Comma-separated; traces carrying all of these tags'),
  q: z.string().min(1).max(500).optional().describe('Full-text search over span inputs and outputs'),
  sort: traceSortFieldSchema.default('time'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional().describe('Opaque cursor from the previous page'),
});
export type TraceQuery = z.infer<typeof traceQuerySchema>;
export type TraceQueryInput = z.input<typeof traceQuerySchema>;

/** One row of the trace list: the trace's root span plus totals rolled up over all its spans. */
export const traceSummarySchema = z.object({
  traceId: z.string(),
  name: z.string(),
  startTimeUs: z.number(),
  endTimeUs: z.number(),
  durationMs: z.number(),
  status: z.enum(['ok', 'error']),
  spanCount: z.number(),
  errorCount: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number(),
  cost: z.number().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  releaseId: z.string().nullable(),
  tags: z.array(z.string()),
  models: z.array(z.string()),
  serviceName: z.string().nullable(),
  inputPreview: z.string().nullable(),
  outputPreview: z.string().nullable(),
});
export type TraceSummary = z.infer<typeof traceSummarySchema>;

export const tracePageSchema = z.object({
  traces: z.array(traceSummarySchema),
  nextCursor: z.string().nullable(),
});
export type TracePage = z.infer<typeof tracePageSchema>;
