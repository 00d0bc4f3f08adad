import { z } from 'zod';
import { datasetItemIdSchema, datasetNameSchema } from '../datasets/dataset-item.js';

/** `running` until every (item, repeat) has a run; `failed` when the runner gave up. */
export const experimentStatusSchema = z.enum(['running', 'completed', 'failed']);
export type ExperimentStatus = z.infer<typeof experimentStatusSchema>;

/** An evaluator as recorded on an experiment: which scorer, which version. */
export const experimentEvaluatorSchema = z.object({
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(100),
});

/** Experiment ids are chosen by the runner (a resumed run names the id it continues). */
export const experimentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "an experiment id is 1-100 letters, digits or '._-'");

/** What a runner declares when it starts an experiment. */
export const experimentInputSchema = z.object({
  id: experimentIdSchema.optional(),
  name: z.string().min(1).max(200),
  datasetName: datasetNameSchema,
  datasetVersion: z.number().int().positive(),
  release: z.object({ name: z.string().min(1), version: z.number().int().positive() }).optional(),
  promptVersions: z
    .array(z.object({ name: z.string().min(1), version: z.number().int().positive() }))
    .optional(),
  model: z.string().min(1).max(300).optional(),
  repeats: z.number().int().min(1).max(100),
  /** Dataset items the experiment covers (the runs expected are itemCount x repeats). */
  itemCount: z.number().int().min(0),
  evaluators: z.array(experimentEvaluatorSchema).max(100),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type ExperimentInput = z.input<typeof experimentInputSchema>;
export type ParsedExperimentInput = z.output<typeof experimentInputSchema>;

/** An experiment as stored. */
export interface Experiment extends Omit<ParsedExperimentInput, 'id'> {
  id: string;
  status: ExperimentStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** One item run: the task called once on one dataset item (one repeat), inside its own trace. */
export const experimentRunSchema = z.object({
  itemId: datasetItemIdSchema,
  repeat: z.number().int().min(0).max(99),
  traceId: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters')
    .transform((value) => value.toLowerCase()),
  output: z.unknown().optional(),
  /** Set when the task threw; the run counts as finished (with no output) and is not retried by a resume. */
  error: z.string().max(20_000).optional(),
  latencyMs: z.number().min(0),
  cost: z.number().min(0).optional(),
});
export type ExperimentRunInput = z.input<typeof experimentRunSchema>;

export interface ExperimentRun extends z.output<typeof experimentRunSchema> {
  experimentId: string;
  createdAt: Date;
}
