import { z } from 'zod';

/** Bucket widths the dashboard offers, in seconds. */
export const metricBucketSeconds = { minute: 60, hour: 3600, day: 86_400 } as const;
const autoBucketChoices = [60, 300, 900, 3600, 21_600, 86_400] as const;

/**
 * Monitoring query. Without grouping, or grouped by trace name or tag, each request is a trace;
 * grouped by model, each request is a model call (an llm or embedding span).
 */
export const metricsQuerySchema = z
  .object({
    from: z.coerce.date().optional().describe('Start of the window (default: 24 hours before `to`)'),
    to: z.coerce.date().optional().describe('End of the window (default: now)'),
    bucket: z.enum(['auto', 'minute', 'hour', 'day']).default('auto'),
    groupBy: z.enum(['none', 'model', 'name', 'tag']).default('none'),
  })
  .transform((query, context) => {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 86_400_000);
    if (from >= to) {
      context.addIssue({ code: 'custom', path: ['from'], message: '`from` must be before `to`' });
      return z.NEVER;
    }
    return { from, to, groupBy: query.groupBy, bucketSeconds: chooseBucketSeconds(query.bucket, from, to) };
  });
export type MetricsQuery = z.output<typeof metricsQuerySchema>;

/** The smallest bucket giving at most ~120 points over the window, for `auto`. */
export function chooseBucketSeconds(
  bucket: 'auto' | 'minute' | 'hour' | 'day',
  from: Date,
  to: Date,
): number {
  if (bucket !== 'auto') return metricBucketSeconds[bucket];
  const seconds = (to.getTime() - from.getTime()) / 1000;
  return autoBucketChoices.find((choice) => seconds / choice <= 120) ?? 86_400;
}

export const metricPointSchema = z.object({
  /** Bucket start, epoch milliseconds. */
  time: z.number(),
  group: z.string().nullable(),
  requests: z.number(),
  errors: z.number(),
  errorRate: z.number(),
  latencyP50Ms: z.number(),
  latencyP95Ms: z.number(),
  latencyP99Ms: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  /** USD; null when no request in the bucket had a known cost (unpriced models), not zero. */
  cost: z.number().nullable(),
});
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const metricsResultSchema = z.object({
  bucketSeconds: z.number(),
  groups: z.array(z.string()),
  points: z.array(metricPointSchema),
});
export type MetricsResult = z.infer<typeof metricsResultSchema>;
