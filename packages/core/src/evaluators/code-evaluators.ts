import { z } from 'zod';
import { SextantError } from '../errors.js';
import { suggestName } from '../prompts/suggest-name.js';
import { spanKindSchema } from '../span/canonical-span.js';
import { bleu } from './bleu.js';
import { contains } from './contains.js';
import { equals } from './equals.js';
import type { Evaluator } from './evaluator.js';
import { parseEvaluatorSettings } from './evaluator-settings.js';
import { exactMatch } from './exact-match.js';
import { jsonSchema } from './json-schema.js';
import type { JsonSchema } from './json-schema-support.js';
import { jsonValid } from './json-valid.js';
import { levenshtein } from './levenshtein.js';
import { regex } from './regex.js';
import { rougeL } from './rouge-l.js';
import { stepCount } from './step-count.js';
import { tokenF1 } from './token-f1.js';
import { toolCallCorrectness } from './tool-call-correctness.js';
import { trajectoryMatch } from './trajectory-match.js';

const name = z.string().min(1).optional();
const threshold = z.number().min(0).max(1).optional();
const strings = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const toolCallSource = z.enum(['auto', 'output', 'tool-spans', 'llm-spans']).optional();
const expectedToolCall = z.strictObject({ name: z.string().min(1), arguments: z.unknown().optional() });

/**
 * What an evaluator compares an output with: nothing but the output (and its spans), the dataset item's
 * expected output, or that unless a setting gives the value. Production traces have no expected output,
 * so online rules can only use an evaluator that does not need one with its settings.
 */
export type ReferenceUse = 'none' | 'expected' | { expectedUnless: string };

interface CodeEvaluatorEntry<Settings extends z.ZodType> {
  settings: Settings;
  reference: ReferenceUse;
  create(settings: z.output<Settings>): Evaluator;
}

const entry = <Settings extends z.ZodType>(
  settings: Settings,
  reference: ReferenceUse,
  create: (settings: z.output<Settings>) => Evaluator,
): CodeEvaluatorEntry<Settings> => ({ settings, reference, create });

/**
 * Every evaluator that needs no model, by the name eval configs, `--evaluator`, bake-offs and online
 * rules use. Settings are strict, so a mistyped setting is an error that names it.
 */
const codeEvaluators = {
  contains: entry(
    z.strictObject({
      values: strings.optional().describe('the phrases to look for; without it, the expected output'),
      mode: z.enum(['all', 'any', 'none']).optional(),
      ignoreCase: z.boolean().optional(),
      name,
    }),
    { expectedUnless: 'values' },
    contains,
  ),
  regex: entry(
    z.strictObject({
      pattern: z.string().min(1, 'give the regular expression, e.g. "^\\\\d+$"'),
      flags: z.string().optional(),
      mode: z.enum(['match', 'no-match']).optional(),
      name,
    }),
    'none',
    regex,
  ),
  'json-valid': entry(z.strictObject({ allowCodeFence: z.boolean().optional(), name }), 'none', jsonValid),
  'json-schema': entry(
    z.strictObject({
      schema: z.record(z.string(), z.unknown()).optional(),
      allowCodeFence: z.boolean().optional(),
      name,
    }),
    { expectedUnless: 'schema' },
    ({ schema, ...rest }) => jsonSchema({ ...rest, ...(schema ? { schema: schema as JsonSchema } : {}) }),
  ),
  equals: entry(
    z.strictObject({
      value: z.unknown().optional(),
      compare: z.enum(['text', 'json']).optional(),
      ignoreCase: z.boolean().optional(),
      trim: z.boolean().optional(),
      name,
    }),
    { expectedUnless: 'value' },
    equals,
  ),
  levenshtein: entry(
    z.strictObject({ value: strings.optional(), ignoreCase: z.boolean().optional(), threshold, name }),
    { expectedUnless: 'value' },
    levenshtein,
  ),
  'step-count': entry(
    z.strictObject({
      max: z.number().int().min(1),
      kinds: z.array(spanKindSchema).min(1).optional(),
      name,
    }),
    'none',
    stepCount,
  ),
  'tool-call-correctness': entry(
    z.strictObject({
      expected: z.union([expectedToolCall, z.array(expectedToolCall)]).optional(),
      argumentMatch: z.enum(['exact', 'subset']).optional(),
      extraCalls: z.enum(['allow', 'penalize']).optional(),
      source: toolCallSource,
      name,
    }),
    { expectedUnless: 'expected' },
    toolCallCorrectness,
  ),
  'trajectory-match': entry(
    z.strictObject({
      expected: z.array(z.string().min(1)).optional(),
      mode: z.enum(['exact', 'in-order', 'any-order']).optional(),
      source: toolCallSource,
      name,
    }),
    { expectedUnless: 'expected' },
    trajectoryMatch,
  ),
  'exact-match': entry(z.strictObject({ name }), 'expected', exactMatch),
  'token-f1': entry(z.strictObject({ threshold, name }), 'expected', tokenF1),
  'rouge-l': entry(
    z.strictObject({ beta: z.number().positive().optional(), threshold, name }),
    'expected',
    rougeL,
  ),
  bleu: entry(
    z.strictObject({
      tokenize: z.enum(['13a', 'none']).optional(),
      lowercase: z.boolean().optional(),
      smoothMethod: z.enum(['exp', 'floor', 'add-k', 'none']).optional(),
      smoothValue: z.number().min(0).optional(),
      maxNgramOrder: z.number().int().min(1).max(8).optional(),
      effectiveOrder: z.boolean().optional(),
      threshold,
      name,
    }),
    'expected',
    bleu,
  ),
};

export type CodeEvaluatorName = keyof typeof codeEvaluators;

/** Names of the evaluators that need no model, in the order above (the ones usable online first). */
export const codeEvaluatorNames = Object.keys(codeEvaluators) as CodeEvaluatorName[];

/** The settings schema of each code evaluator, by name; what a config, experiment or rule stores. */
export const codeEvaluatorSettings = Object.fromEntries(
  Object.entries(codeEvaluators).map(([evaluatorName, { settings }]) => [evaluatorName, settings]),
) as { [Name in CodeEvaluatorName]: (typeof codeEvaluators)[Name]['settings'] };

/**
 * Builds a code evaluator by name from its settings. An unknown name lists the known ones (and the
 * closest); a bad setting throws a SextantError naming the field.
 * @example createCodeEvaluator('contains', { values: ['refund'], ignoreCase: true })
 */
export function createCodeEvaluator(evaluatorName: string, settings: unknown): Evaluator {
  const known = entryOf(evaluatorName);
  return known.create(parseEvaluatorSettings(evaluatorName, known.settings, settings));
}

/**
 * Whether the evaluator, with these settings, compares against a dataset item's expected output.
 * @example needsExpectedOutput('equals', {}) // true; with { value: 'yes' }: false
 */
export function needsExpectedOutput(evaluatorName: string, settings: unknown): boolean {
  const { reference } = entryOf(evaluatorName);
  if (reference === 'none' || reference === 'expected') return reference === 'expected';
  const given = settings as Record<string, unknown> | null | undefined;
  return given?.[reference.expectedUnless] === undefined;
}

/** Whether the evaluator can score an output with no expected answer, given the right settings. */
export function canScoreWithoutExpected(evaluatorName: string): boolean {
  return entryOf(evaluatorName).reference !== 'expected';
}

/** The setting that stands in for the expected output, if the evaluator has one. */
export function expectedOutputSetting(evaluatorName: string): string | null {
  const { reference } = entryOf(evaluatorName);
  return typeof reference === 'object' ? reference.expectedUnless : null;
}

function entryOf(evaluatorName: string): CodeEvaluatorEntry<z.ZodType> {
  const known = (codeEvaluators as Record<string, CodeEvaluatorEntry<z.ZodType>>)[evaluatorName];
  if (known) return known;
  const close = suggestName(evaluatorName, codeEvaluatorNames);
  throw new SextantError(
    'bad_request',
    `unknown evaluator '${evaluatorName}'${close ? ` (did you mean '${close}'?)` : ''}; evaluators: ${codeEvaluatorNames.join(', ')}`,
  );
}
