import type { z } from 'zod';
import { SextantError } from '../errors.js';

/**
 * Checks an evaluator's settings against its schema; a bad one is a SextantError naming the evaluator
 * and the setting, for code and model-based evaluators alike.
 */
export function parseEvaluatorSettings<Schema extends z.ZodType>(
  evaluatorName: string,
  schema: Schema,
  settings: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` '${issue.path.join('.')}'` : '';
  throw new SextantError('bad_request', `evaluator '${evaluatorName}' setting${where}: ${issue?.message}`);
}
