import { z } from 'zod';
import { SextantError } from '../errors.js';
import { scoreNameSchema } from '../scores/score.js';

/** How people answer a score: a number in a range, a point on an ordered scale, a label, or yes/no. */
export const scoreConfigTypeSchema = z.enum(['numeric', 'ordinal', 'categorical', 'boolean']);
export type ScoreConfigType = z.infer<typeof scoreConfigTypeSchema>;

/** One answer of an ordinal or categorical scale: the stored value and the label reviewers see. */
export const scoreCategorySchema = z.object({
  value: z.number().refine(Number.isFinite, 'a category value is a finite number'),
  label: z.string().min(1).max(100),
});
export type ScoreCategory = z.infer<typeof scoreCategorySchema>;

/** The fields of a score config, before the checks that tie them together (for request bodies). */
export const scoreConfigFieldsSchema = z.object({
  name: scoreNameSchema,
  type: scoreConfigTypeSchema,
  description: z.string().max(5000).default('').describe('Shown to reviewers beside the score'),
  min: z.number().optional().describe('numeric: smallest allowed value'),
  max: z.number().optional().describe('numeric: largest allowed value'),
  categories: z.array(scoreCategorySchema).max(20).optional().describe('ordinal and categorical answers'),
  passValue: z.number().optional().describe('values at or above this pass (numeric and ordinal)'),
});

/**
 * What a score means and how people give it. The name is the score name written to `store.scores`.
 * Ordinal categories are in scale order (worst first); `passValue` marks the smallest passing value.
 */
export const scoreConfigSchema = scoreConfigFieldsSchema.superRefine((config, context) => {
  const issue = (message: string) => context.addIssue({ code: 'custom', message });
  if (config.type === 'numeric') {
    if (config.min === undefined || config.max === undefined || !(config.min < config.max)) {
      issue('a numeric score needs min < max (e.g. "min": 0, "max": 1)');
    }
  }
  if (config.type === 'ordinal' || config.type === 'categorical') {
    const categories = config.categories ?? [];
    if (categories.length < 2) {
      issue(
        `a ${config.type} score needs at least 2 categories (e.g. [{ "value": 1, "label": "poor" }, ...])`,
      );
    }
    if (new Set(categories.map((category) => category.value)).size !== categories.length) {
      issue('category values must be distinct');
    }
    if (
      config.type === 'ordinal' &&
      categories.some((c, i) => i > 0 && c.value <= (categories[i - 1]?.value ?? 0))
    ) {
      issue('ordinal categories are listed in increasing value order (worst first)');
    }
  }
});
export type ScoreConfig = z.output<typeof scoreConfigSchema>;
export type ScoreConfigInput = z.input<typeof scoreConfigSchema>;

/** A reviewer's answer turned into what a score row stores. */
export interface ScoreAnswerValue {
  value: number;
  label?: string;
  passed?: boolean;
}

/**
 * Checks a reviewer's answer against its config and derives label and pass/fail.
 * Throws `bad_request` naming the value and what is allowed.
 * @example scoreAnswer({ name: 'helpful', type: 'boolean', description: '' }, 1); // { value: 1, label: 'yes', passed: true }
 */
export function scoreAnswer(config: ScoreConfig, value: number): ScoreAnswerValue {
  const refuse = (allowed: string): never => {
    throw new SextantError('bad_request', `score '${config.name}' got ${value}; ${allowed}`);
  };
  if (!Number.isFinite(value)) refuse('send a finite number');
  switch (config.type) {
    case 'boolean':
      if (value !== 0 && value !== 1) refuse('a boolean score takes 1 (yes) or 0 (no)');
      return { value, label: value === 1 ? 'yes' : 'no', passed: value === 1 };
    case 'numeric': {
      const { min = -Infinity, max = Infinity } = config;
      if (value < min || value > max) refuse(`allowed: ${min} to ${max}`);
      return config.passValue === undefined ? { value } : { value, passed: value >= config.passValue };
    }
    default: {
      const category = config.categories?.find((candidate) => candidate.value === value);
      if (!category) {
        refuse(`allowed: ${(config.categories ?? []).map((c) => `${c.value} (${c.label})`).join(', ')}`);
      }
      const answer: ScoreAnswerValue = { value, label: category?.label };
      if (config.type === 'ordinal' && config.passValue !== undefined)
        answer.passed = value >= config.passValue;
      return answer;
    }
  }
}

/** The ordered answer values of a config, for confusion matrices and weighted kappa; null for numeric. */
export function scoreCategoriesOf(config: ScoreConfig): number[] | null {
  if (config.type === 'boolean') return [0, 1];
  if (config.type === 'numeric') return null;
  return (config.categories ?? []).map((category) => category.value);
}
