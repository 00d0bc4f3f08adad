import { SextantError } from '../errors.js';
import type { EvaluationInput, EvaluationResult, Evaluator, EvaluatorOptions } from './evaluator.js';
import { type JsonSchema, unsupportedSchemaParts, validatedKeywords } from './json-schema-support.js';
import { validateJsonSchema } from './json-schema-validator.js';
import { parseJsonOutput } from './json-valid.js';

export interface JsonSchemaOptions extends EvaluatorOptions {
  /** The schema the output must satisfy; without it, the item's `expected` is the schema. */
  schema?: JsonSchema;
  /** Accept JSON wrapped in one Markdown code fence, as chat models often write it. Default false. */
  allowCodeFence?: boolean;
}

/**
 * The output is JSON that satisfies a JSON Schema. Score 1 or 0; the explanation lists up to three
 * violations with their paths (`$.items[0].price: expected number, got string "12"`).
 *
 * Validation is built in (no dependency) and covers the keywords in `validatedKeywords`: types,
 * enum/const, numeric and string bounds, pattern, items/prefixItems, object properties, required,
 * additional/pattern properties, allOf/anyOf/oneOf/not, if/then/else, and `$ref` inside the schema.
 * A schema using anything else (remote `$ref`, `dependentSchemas`, `unevaluatedProperties`...) is
 * rejected when the evaluator is created rather than half-checked. `format` is an annotation only.
 * @example jsonSchema({ schema: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } } })
 */
export function jsonSchema(options: JsonSchemaOptions = {}): Evaluator {
  const name = options.name ?? 'json-schema';
  const allowCodeFence = options.allowCodeFence ?? false;
  if (options.schema !== undefined) assertSupported(options.schema, name);
  return {
    specificationVersion: 'v1',
    name,
    version: '1',
    description: 'output is JSON that satisfies the JSON Schema',
    settings: { allowCodeFence, ...(options.schema === undefined ? {} : { schema: options.schema }) },
    evaluate(input: EvaluationInput): EvaluationResult {
      const schema = options.schema ?? (input.expected as JsonSchema | undefined);
      if (options.schema === undefined) {
        if (schema === undefined) {
          throw new SextantError(
            'bad_request',
            `${name} needs a schema: set \`schema\` or put it in the item's expected output`,
          );
        }
        assertSupported(schema, name);
      }
      const parsed = parseJsonOutput(input.output, allowCodeFence);
      if (!parsed.success) return { score: 0, passed: false, explanation: parsed.error };
      const violations = validateJsonSchema(schema as JsonSchema, parsed.value);
      if (violations.length === 0) return { score: 1, passed: true };
      const shown = violations.slice(0, 3).map((violation) => `${violation.path}: ${violation.message}`);
      const more = violations.length > 3 ? `; and ${violations.length - 3} more` : '';
      return {
        score: 0,
        passed: false,
        explanation: `output breaks the schema in ${violations.length} place${violations.length > 1 ? 's' : ''}: ${shown.join('; ')}${more}`,
        details: { violations: violations.slice(0, 20) },
      };
    },
  };
}

function assertSupported(schema: unknown, name: string): void {
  const problems = unsupportedSchemaParts(schema);
  if (problems.length === 0) return;
  throw new SextantError(
    'bad_request',
    `${name}: the schema uses what the built-in validator cannot check: ${problems.slice(0, 5).join('; ')}. Supported keywords: ${validatedKeywords.join(', ')}`,
  );
}
