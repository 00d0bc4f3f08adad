import { isRecord } from './evaluation-values.js';

/** A JSON Schema: an object of keywords, or `true` (anything) / `false` (nothing). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** Keywords the built-in validator checks. */
export const validatedKeywords = [
  '$ref',
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
] as const;

/** Keywords that only annotate or hold definitions; `format` is an annotation, as in draft 2020-12 by default. */
const annotationKeywords = [
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  'format',
  'contentMediaType',
  'contentEncoding',
];

const known = new Set<string>([...validatedKeywords, ...annotationKeywords]);
const schemaKeywords = [
  'additionalItems',
  'contains',
  'additionalProperties',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const schemaListKeywords = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];
const schemaMapKeywords = ['properties', 'patternProperties', '$defs', 'definitions'];

/**
 * Problems that would make the built-in validator wrong about this schema: keywords it does not
 * check, remote `$ref`s, malformed values. Each names its place in the schema (`#/properties/a`).
 * Vendor extensions (`x-...`) are ignored.
 */
export function unsupportedSchemaParts(schema: unknown, path = '#'): string[] {
  if (typeof schema === 'boolean') return [];
  if (!isRecord(schema)) return [`${path}: a schema must be an object or a boolean`];
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    const at = `${path}/${keyword}`;
    if (keyword.startsWith('x-')) continue;
    if (!known.has(keyword)) problems.push(`${at}: keyword '${keyword}' is not supported`);
    else if (keyword === '$ref' && (typeof value !== 'string' || !value.startsWith('#'))) {
      problems.push(`${at}: only references inside the schema ('#/...') are supported`);
    } else if (keyword === 'pattern' && !isValidPattern(value))
      problems.push(`${at}: not a valid regular expression`);
    else if (
      (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') &&
      typeof value !== 'number'
    ) {
      problems.push(`${at}: must be a number (the draft-04 boolean form is not supported)`);
    } else problems.push(...childProblems(keyword, value, at));
  }
  return problems;
}

function childProblems(keyword: string, value: unknown, at: string): string[] {
  if (schemaKeywords.includes(keyword)) return unsupportedSchemaParts(value, at);
  if (keyword === 'items') {
    return Array.isArray(value)
      ? value.flatMap((item, index) => unsupportedSchemaParts(item, `${at}/${index}`))
      : unsupportedSchemaParts(value, at);
  }
  if (schemaListKeywords.includes(keyword)) {
    if (!Array.isArray(value)) return [`${at}: must be an array of schemas`];
    return value.flatMap((item, index) => unsupportedSchemaParts(item, `${at}/${index}`));
  }
  if (schemaMapKeywords.includes(keyword)) {
    if (!isRecord(value)) return [`${at}: must be an object of schemas`];
    const patternProblems =
      keyword === 'patternProperties'
        ? Object.keys(value)
            .filter((pattern) => !isValidPattern(pattern))
            .map((pattern) => `${at}: '${pattern}' is not a valid regular expression`)
        : [];
    return [
      ...patternProblems,
      ...Object.entries(value).flatMap(([key, child]) => unsupportedSchemaParts(child, `${at}/${key}`)),
    ];
  }
  return [];
}

function isValidPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
