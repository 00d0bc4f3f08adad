import { z } from 'zod';

/**
 * A page of the session (conversation) list, newest activity first. Only traces that started inside
 * the window count, for membership and for the totals.
 * @example sessionQuerySchema.parse({ from: '2025-06-01', limit: '20' })
 */
export const sessionQuerySchema = z.object({
  from: z.coerce.date().optional().describe('Only traces that started at or after this time'),
  to: z.coerce.date().optional().describe('Only traces that started before this time'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional().describe('Opaque cursor from the previous page'),
});
export type SessionQuery = z.infer<typeof sessionQuerySchema>;
export type SessionQueryInput = z.input<typeof sessionQuerySchema>;

/** One conversation: its traces (in the window) rolled up, aggregated by the store. */
export const sessionSummarySchema = z.object({
  sessionId: z.string(),
  /** The user of the newest trace that names one. */
  userId: z.string().nullable(),
  traceCount: z.number(),
  /** Traces with at least one failed span. */
  errorCount: z.number(),
  /** Start of the oldest and the newest trace, epoch microseconds. */
  firstStartUs: z.number(),
  lastStartUs: z.number(),
  /** Input plus output tokens of the model calls. */
  totalTokens: z.number(),
  /** USD; null when no trace of the session had a known cost. */
  cost: z.number().nullable(),
  /** Input preview of the newest trace: what the conversation was last about. */
  lastInputPreview: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionPageSchema = z.object({
  sessions: z.array(sessionSummarySchema),
  nextCursor: z.string().nullable(),
});
export type SessionPage = z.infer<typeof sessionPageSchema>;
