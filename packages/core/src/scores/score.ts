import { z } from 'zod';

/** Who produced a score: an experiment run, an online evaluation rule, a person, or an API caller. */
export const scoreSourceSchema = z.enum(['experiment', 'online', 'human', 'api']);
export type ScoreSource = z.infer<typeof scoreSourceSchema>;

const traceIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters (e.g. 4bf92f3577b34da6a3ce929d0e0e4736)')
  .transform((value) => value.toLowerCase());
const spanIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{16}$/, 'a span id is 16 hex characters (e.g. 00f067aa0ba902b7)')
  .transform((value) => value.toLowerCase());

/** Score names are metric names: short, stable, safe in URLs and CLI arguments. */
export const scoreNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/,
    "a score name is 1-100 letters, digits or '._:@/-', starting with a letter or digit (e.g. token-f1)",
  );

/**
 * One judgement of a trace (or one span in it). Ids are chosen by the caller so writing the same
 * score twice is harmless: a second write with an id the project already has is ignored.
 */
export const scoreSchema = z.object({
  id: z.string().min(1).max(200),
  traceId: traceIdSchema,
  spanId: spanIdSchema.optional(),
  name: scoreNameSchema,
  value: z.number().refine(Number.isFinite, 'a score value is a finite number'),
  label: z.string().max(200).optional(),
  passed: z.boolean().optional(),
  explanation: z.string().max(20_000).optional(),
  comment: z.string().max(20_000).optional(),
  source: scoreSourceSchema,
  evaluatorName: z.string().max(200).optional(),
  evaluatorVersion: z.string().max(100).optional(),
  author: z.string().max(200).optional(),
  experimentId: z.string().min(1).max(200).optional(),
  createdAt: z.coerce.date(),
});
export type Score = z.output<typeof scoreSchema>;
export type ScoreInput = z.input<typeof scoreSchema>;

/** What a caller posts: the id defaults to a fresh one, the time to now, the source to 'api'. */
export const scoreInputSchema = scoreSchema.extend({
  id: scoreSchema.shape.id.optional(),
  source: scoreSourceSchema.default('api'),
  createdAt: z.coerce.date().optional(),
});
export type ScorePostInput = z.input<typeof scoreInputSchema>;

/** Filters for listing scores; every filter is optional, newest first. */
export interface ScoreQuery {
  traceIds?: readonly string[];
  experimentId?: string;
  name?: string;
  source?: ScoreSource;
  since?: Date;
  until?: Date;
  /** Default 1000. */
  limit?: number;
}

/** How a score series is split: one line overall, per score name, per release, or per prompt version. */
export const scoreSeriesGroupSchema = z.enum(['none', 'name', 'release', 'prompt']);
export type ScoreSeriesGroup = z.infer<typeof scoreSeriesGroupSchema>;

/** A window of scores (by their `createdAt`) in buckets of `bucketSeconds`. */
export interface ScoreSeriesQuery {
  name?: string;
  source?: ScoreSource;
  start: Date;
  end: Date;
  bucketSeconds: number;
  groupBy?: ScoreSeriesGroup;
}

/**
 * One bucket of one group. `group` is '' for `none`, the score name, the release id, or
 * `prompt_name@prompt_version` of the scored trace ('(none)' when the trace has no release or prompt).
 * `passRate` is over the scores that have `passed` set, null when none has.
 */
export interface ScoreSeriesPoint {
  bucketStart: Date;
  group: string;
  count: number;
  mean: number;
  passRate: number | null;
}
