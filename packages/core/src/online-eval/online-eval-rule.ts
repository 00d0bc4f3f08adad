import { z } from 'zod';
import { targetSelectorSchema } from '../evaluators/select-target.js';
import { spanKindSchema } from '../span/canonical-span.js';

/** Which production traces a rule looks at: the trace list's filters; all given ones must match. */
export const onlineEvalFilterSchema = z.strictObject({
  name: z.string().min(1).optional().describe('Root span name (exact)'),
  kind: spanKindSchema.optional().describe('Traces containing a span of this kind'),
  model: z.string().min(1).optional().describe('Traces containing a span that used this model'),
  status: z.enum(['ok', 'error']).optional(),
  userId: z.string().min(1).optional(),
  promptName: z.string().min(1).optional().describe('Traces containing a span made with this prompt'),
  promptVersion: z.string().min(1).optional().describe('With promptName: only this version of it'),
  releaseId: z.string().min(1).optional().describe('Traces recorded by this release (e.g. support-bot@3)'),
  tags: z.array(z.string().min(1)).max(20).optional().describe('Traces carrying all of these tags'),
});
export type OnlineEvalFilter = z.infer<typeof onlineEvalFilterSchema>;

/** An evaluator by registry name with its settings, as a rule stores it. */
export const onlineEvalEvaluatorSchema = z.strictObject({
  name: z.string().min(1).max(100).describe('Registry name, e.g. contains, regex, json-valid, llm-judge'),
  settings: z.record(z.string(), z.unknown()).default({}).describe("The evaluator's options"),
});
export type OnlineEvalEvaluator = z.infer<typeof onlineEvalEvaluatorSchema>;

const ruleNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    "a rule name is 1-100 letters, digits or '._-', starting with a letter or digit (e.g. answers-are-json)",
  );

const sampleRateSchema = z
  .number()
  .min(0, 'sampleRate is a share of traces between 0 and 1 (e.g. 0.1 for 10%)')
  .max(1, 'sampleRate is a share of traces between 0 and 1 (e.g. 0.1 for 10%)');
const evaluatorsSchema = z
  .array(onlineEvalEvaluatorSchema)
  .min(1, 'name at least one evaluator, e.g. { "name": "json-valid" }')
  .max(20);

/** What a user declares: which traces, how many of them, scored how, on which part of the trace. */
export const onlineEvalRuleInputSchema = z.strictObject({
  name: ruleNameSchema,
  filter: onlineEvalFilterSchema.default({}),
  sampleRate: sampleRateSchema.default(1),
  evaluators: evaluatorsSchema,
  /** Without it the root span's output (the whole chain's answer) is scored. */
  target: targetSelectorSchema.optional(),
  enabled: z.boolean().default(true),
});
export type OnlineEvalRuleInput = z.input<typeof onlineEvalRuleInputSchema>;
export type OnlineEvalRuleDefinition = z.output<typeof onlineEvalRuleInputSchema>;

/**
 * What may change on an existing rule; fields left out keep their value (no defaults here, so
 * `{ enabled: false }` pauses a rule and nothing else). `target: null` goes back to the root output.
 */
export const onlineEvalRulePatchSchema = z.strictObject({
  filter: onlineEvalFilterSchema.optional(),
  sampleRate: sampleRateSchema.optional(),
  evaluators: evaluatorsSchema.optional(),
  target: targetSelectorSchema.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type OnlineEvalRulePatch = z.input<typeof onlineEvalRulePatchSchema>;

/** A rule as stored. New rules score traces stored after their creation, not history. */
export interface OnlineEvalRule extends OnlineEvalRuleDefinition {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}
