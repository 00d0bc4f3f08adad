import { z } from 'zod';
import { SextantError } from '../errors.js';
import { contains } from '../evaluators/contains.js';
import { equals } from '../evaluators/equals.js';
import type { Evaluator } from '../evaluators/evaluator.js';
import { jsonSchema } from '../evaluators/json-schema.js';
import type { JsonSchema } from '../evaluators/json-schema-support.js';
import { jsonValid } from '../evaluators/json-valid.js';
import { levenshtein } from '../evaluators/levenshtein.js';
import { regex } from '../evaluators/regex.js';
import { stepCount } from '../evaluators/step-count.js';
import { spanKindSchema } from '../span/canonical-span.js';

const name = z.string().min(1).optional();
const strings = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Settings of the evaluators that need no model and no reference answer from a dataset, by registry
 * name: what a production trace can be scored with. Values they compare against live in the settings.
 */
export const deterministicEvaluatorSettings = {
  contains: z.strictObject({
    values: strings.describe('the phrases to look for'),
    mode: z.enum(['all', 'any', 'none']).optional(),
    ignoreCase: z.boolean().optional(),
    name,
  }),
  regex: z.strictObject({
    pattern: z.string().min(1, 'give the regular expression, e.g. "^\\\\d+$"'),
    flags: z.string().optional(),
    mode: z.enum(['match', 'no-match']).optional(),
    name,
  }),
  'json-valid': z.strictObject({ allowCodeFence: z.boolean().optional(), name }),
  'json-schema': z.strictObject({
    schema: z.record(z.string(), z.unknown()),
    allowCodeFence: z.boolean().optional(),
    name,
  }),
  equals: z.strictObject({
    value: z.unknown().refine((value) => value !== undefined, 'give the value the output must equal'),
    compare: z.enum(['text', 'json']).optional(),
    ignoreCase: z.boolean().optional(),
    trim: z.boolean().optional(),
    name,
  }),
  levenshtein: z.strictObject({
    value: strings,
    ignoreCase: z.boolean().optional(),
    threshold: z.number().min(0).max(1).optional(),
    name,
  }),
  'step-count': z.strictObject({
    max: z.number().int().min(1),
    kinds: z.array(spanKindSchema).min(1).optional(),
    name,
  }),
} as const;

export type DeterministicEvaluatorName = keyof typeof deterministicEvaluatorSettings;
export const deterministicEvaluatorNames = Object.keys(
  deterministicEvaluatorSettings,
) as DeterministicEvaluatorName[];

/**
 * Builds a deterministic evaluator by name from stored settings. Bad settings throw a SextantError
 * naming the field; an unknown name lists the known ones.
 * @example createDeterministicEvaluator('contains', { values: ['refund'], ignoreCase: true })
 */
export function createDeterministicEvaluator(evaluatorName: string, settings: unknown): Evaluator {
  if (!(evaluatorName in deterministicEvaluatorSettings)) {
    throw new SextantError(
      'bad_request',
      `unknown evaluator '${evaluatorName}'; known: ${deterministicEvaluatorNames.join(', ')}`,
    );
  }
  const key = evaluatorName as DeterministicEvaluatorName;
  const parsed = deterministicEvaluatorSettings[key].safeParse(settings ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` '${issue.path.join('.')}'` : '';
    throw new SextantError('bad_request', `evaluator '${evaluatorName}' setting${where}: ${issue?.message}`);
  }
  const options = parsed.data;
  switch (key) {
    case 'contains':
      return contains(options as z.infer<(typeof deterministicEvaluatorSettings)['contains']>);
    case 'regex':
      return regex(options as z.infer<(typeof deterministicEvaluatorSettings)['regex']>);
    case 'json-valid':
      return jsonValid(options);
    case 'json-schema': {
      const { schema, ...rest } = options as z.infer<(typeof deterministicEvaluatorSettings)['json-schema']>;
      return jsonSchema({ ...rest, schema: schema as JsonSchema });
    }
    case 'equals':
      return equals(options as z.infer<(typeof deterministicEvaluatorSettings)['equals']>);
    case 'levenshtein':
      return levenshtein(options as z.infer<(typeof deterministicEvaluatorSettings)['levenshtein']>);
    case 'step-count':
      return stepCount(options as z.infer<(typeof deterministicEvaluatorSettings)['step-count']>);
  }
}
