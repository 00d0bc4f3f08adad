import { z } from 'zod';

/** What the current window is compared with. */
export const driftReferenceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('dataset'),
    name: z.string().min(1),
    /** Newest version when absent. */
    version: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('range'), start: z.coerce.date(), end: z.coerce.date() }),
  z.object({
    type: z.literal('release'),
    releaseId: z.string().min(1),
    /** The first N days after the release's first trace. */
    days: z.number().positive().max(365).default(7),
  }),
]);
export type DriftReference = z.infer<typeof driftReferenceSchema>;

/** A monitor as sent by a user; defaults fill what is left out. */
export const driftMonitorInputSchema = z
  .object({
    name: z.string().min(1).max(200),
    reference: driftReferenceSchema,
    /** The rolling current window: the last N hours before the check runs. */
    currentWindowHours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
    /** Inputs by default: drift in what users ask; outputs on request. */
    field: z.enum(['input', 'output']).default('input'),
    /** Root spans describe whole requests; 'llm' compares model calls. */
    spans: z.enum(['root', 'llm']).default('root'),
    /** Only traces of this release on the current side. */
    releaseId: z.string().min(1).optional(),
    /** Texts embedded per side (seeded sample): MMD and the classifier use 500 of them, topics all. */
    embeddingSampleSize: z.number().int().min(20).max(20_000).default(750),
    /** Most recent spans read per side. */
    maxSpans: z.number().int().min(10).max(100_000).default(10_000),
    topicClusters: z.number().int().min(2).max(50).default(8),
    alpha: z.number().gt(0).lt(1).default(0.05),
    /** Run as a scheduled 'drift.check' job this often; absent: on demand only. */
    scheduleEveryMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .optional(),
  })
  .refine(
    (monitor) => monitor.reference.type !== 'range' || monitor.reference.start < monitor.reference.end,
    {
      message: 'reference.start must be before reference.end',
      path: ['reference', 'start'],
    },
  );
export type DriftMonitorInput = z.input<typeof driftMonitorInputSchema>;

/** A stored monitor. */
export type DriftMonitor = z.output<typeof driftMonitorInputSchema> & {
  id: string;
  createdAt: Date;
  updatedAt: Date;
};
