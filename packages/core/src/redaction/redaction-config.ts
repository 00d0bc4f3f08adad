import { z } from 'zod';
import { builtInDetectorTypes, compileCustomPattern, customPatternSchema } from './custom-pattern.js';

/** Default placeholder: `[REDACTED:email]`, `[REDACTED:card]`... */
export const defaultPlaceholder = '[REDACTED:{type}]';

const builtInSet: ReadonlySet<string> = new Set(builtInDetectorTypes);

const customPatternsSchema = z
  .array(customPatternSchema)
  .max(50)
  .superRefine((patterns, context) => {
    const names = new Set<string>();
    patterns.forEach((custom, index) => {
      if (builtInSet.has(custom.name)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `custom pattern name '${custom.name}' is a built-in detector (${builtInDetectorTypes.join(', ')}); choose another name`,
        });
      } else if (names.has(custom.name)) {
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `custom pattern name '${custom.name}' is used twice; names must be unique`,
        });
      }
      names.add(custom.name);
      const compiled = compileCustomPattern(custom);
      if (!compiled.success)
        context.addIssue({ code: 'custom', path: [index, 'pattern'], message: compiled.error });
    });
  });

/**
 * Redaction settings for one project. Every field has a default, so `{}` parses to "on, every
 * built-in detector, no custom patterns, `[REDACTED:{type}]`".
 * @example redactionConfigSchema.parse({ detectors: { phone: false }, customPatterns: [{ name: 'employee_id', pattern: 'EMP-\\d{6}' }] })
 */
export const redactionConfigSchema = z.object({
  enabled: z.boolean().default(true),
  /** Built-in detectors to run; leave a key out to keep its default (on). */
  detectors: z
    .object({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      card: z.boolean().default(true),
      iban: z.boolean().default(true),
      secret: z.boolean().default(true),
    })
    .prefault({}),
  customPatterns: customPatternsSchema.default([]),
  /** What replaces each match; `{type}` becomes the redaction type. Needs some text besides `{type}`. */
  placeholder: z
    .string()
    .min(1)
    .max(100)
    .refine((template) => template.replaceAll('{type}', '').length > 0, {
      message: "a placeholder needs some text besides '{type}', e.g. '[REDACTED:{type}]'",
    })
    .default(defaultPlaceholder),
});

/**
 * Parsed redaction settings, defaults applied. Parse once per project and reuse the object: its
 * compiled form (regular expressions, placeholders) is cached per object, so treat it as immutable.
 */
export type RedactionConfig = z.output<typeof redactionConfigSchema>;
/** Redaction settings as written in a project's configuration (every field optional). */
export type RedactionConfigInput = z.input<typeof redactionConfigSchema>;

/** Everything on, default placeholder. */
export const defaultRedactionConfig: RedactionConfig = Object.freeze(redactionConfigSchema.parse({}));
