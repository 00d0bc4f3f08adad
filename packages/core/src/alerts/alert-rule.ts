import { z } from 'zod';

/** What a rule watches. Metrics cover the window; `score` reads stored scores, `drift` drift reports. */
export const alertConditionSchema = z.discriminatedUnion('metric', [
  /** Share of requests (traces, or model calls when grouped by model) that failed, 0-1. */
  z.object({ metric: z.literal('error_rate') }),
  /** Latency percentile of requests, in milliseconds. */
  z.object({ metric: z.literal('latency'), percentile: z.enum(['p50', 'p95', 'p99']).default('p95') }),
  /** Total cost of the window, USD. */
  z.object({ metric: z.literal('cost') }),
  /** Number of requests in the window. */
  z.object({ metric: z.literal('volume') }),
  /** Mean value or pass rate (0-1) of one score's values in the window. */
  z.object({
    metric: z.literal('score'),
    scoreName: z.string().min(1).max(200),
    statistic: z.enum(['mean', 'pass_rate']).default('mean'),
  }),
  /** Drift reports in the window that found drift (one monitor, or all). */
  z.object({ metric: z.literal('drift'), monitorId: z.string().min(1).optional() }),
]);
export type AlertCondition = z.output<typeof alertConditionSchema>;
export type AlertMetric = AlertCondition['metric'];

/** Groups each metric can be split by; every group is its own alert. */
export const alertGroupings: Record<AlertMetric, readonly string[]> = {
  error_rate: ['none', 'model', 'name', 'tag'],
  latency: ['none', 'model', 'name', 'tag'],
  cost: ['none', 'model', 'name', 'tag'],
  volume: ['none', 'model', 'name', 'tag'],
  score: ['none', 'release', 'prompt'],
  drift: ['none', 'monitor'],
};

const webhookSchema = z.object({
  url: z
    .string()
    .url('a webhook is an http(s) URL, e.g. https://hooks.slack.com/services/...')
    .refine((url) => /^https?:\/\//i.test(url), 'a webhook URL starts with http:// or https://'),
});

/**
 * An alert rule as written by a user. `{ name, condition, threshold }` is enough: the rest defaults to
 * "above the threshold over the last 15 minutes, the whole project, at most one alert per 30 minutes".
 * @example alertRuleInputSchema.parse({ name: 'errors', condition: { metric: 'error_rate' }, threshold: 0.05, webhooks: [{ url }] })
 */
export const alertRuleInputSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'a rule name is 1-80 lowercase letters, digits, ".", "_" or "-"'),
    description: z.string().max(1000).default(''),
    enabled: z.boolean().default(true),
    condition: alertConditionSchema,
    /** Fire when the value is above (or below) the threshold. */
    comparator: z.enum(['above', 'below']).default('above'),
    threshold: z.number().finite(),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(15),
    groupBy: z.enum(['none', 'model', 'name', 'tag', 'release', 'prompt', 'monitor']).default('none'),
    /** Groups with fewer requests (or scores) in the window are not judged: one failed call is not a 100% error rate. */
    minSamples: z.number().int().min(0).default(1),
    /** After an alert resolves, the same rule and group stay quiet this long. */
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(30),
    webhooks: z.array(webhookSchema).max(10).default([]),
  })
  .superRefine((rule, context) => {
    const allowed = alertGroupings[rule.condition.metric];
    if (!allowed.includes(rule.groupBy)) {
      context.addIssue({
        code: 'custom',
        path: ['groupBy'],
        message: `a ${rule.condition.metric} rule groups by ${allowed.join(', ')}, not '${rule.groupBy}'`,
      });
    }
  });
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;
export type AlertRuleDefinition = z.output<typeof alertRuleInputSchema>;

/** The value's unit and name for messages: "error rate 12.5% (threshold 5%)". */
export function describeAlertValue(condition: AlertCondition, value: number | null): string {
  if (value === null) return 'no data';
  switch (condition.metric) {
    case 'error_rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'latency':
      return `${Math.round(value)} ms`;
    case 'cost':
      return `$${value.toFixed(value < 1 ? 4 : 2)}`;
    case 'volume':
    case 'drift':
      return String(Math.round(value));
    case 'score':
      return condition.statistic === 'pass_rate' ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
  }
}

/** "error rate", "p95 latency", "score 'faithfulness' mean"... */
export function describeAlertMetric(condition: AlertCondition): string {
  switch (condition.metric) {
    case 'error_rate':
      return 'error rate';
    case 'latency':
      return `${condition.percentile} latency`;
    case 'cost':
      return 'cost';
    case 'volume':
      return 'request volume';
    case 'score':
      return `score '${condition.scoreName}' ${condition.statistic === 'pass_rate' ? 'pass rate' : 'mean'}`;
    case 'drift':
      return condition.monitorId ? `drift reports of monitor '${condition.monitorId}'` : 'drift reports';
  }
}
