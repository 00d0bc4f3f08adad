import { isRecord, previewJson } from './evaluation-values.js';
import { findJsonDifference } from './json-compare.js';
import type { JsonSchema } from './json-schema-support.js';

/** One way a value breaks a schema, at a JSONPath-like location (`$.items[0].price`). */
export interface SchemaViolation {
  path: string;
  message: string;
}

interface Context {
  root: JsonSchema;
  violations: SchemaViolation[];
  depth: number;
}

type Keywords = { readonly [keyword: string]: unknown };

/**
 * Validates a value against the JSON Schema subset listed in `validatedKeywords` (draft 2020-12
 * semantics; draft-07 array `items` and `definitions` also work). Check the schema first with
 * `unsupportedSchemaParts`: keywords outside the subset are ignored here. String lengths count code
 * points; `multipleOf` allows a relative float error of 1e-9 (so 0.3 is a multiple of 0.1).
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): SchemaViolation[] {
  const context: Context = { root: schema, violations: [], depth: 0 };
  validate(schema, value, '$', context);
  return context.violations;
}

function validate(schema: JsonSchema, value: unknown, path: string, context: Context): void {
  if (schema === true) return;
  if (schema === false) {
    report(context, path, 'no value is allowed here (schema is false)');
    return;
  }
  if (context.depth > 64) {
    report(context, path, 'schema references nest deeper than 64 levels');
    return;
  }
  context.depth++;
  if (typeof schema.$ref === 'string') validateReference(schema.$ref, value, path, context);
  validateGeneric(schema, value, path, context);
  if (typeof value === 'number') validateNumber(schema, value, path, context);
  if (typeof value === 'string') validateString(schema, value, path, context);
  if (Array.isArray(value)) validateArray(schema, value, path, context);
  if (isRecord(value)) validateObject(schema, value, path, context);
  validateCombinators(schema, value, path, context);
  context.depth--;
}

function report(context: Context, path: string, message: string): void {
  context.violations.push({ path, message });
}

function matches(schema: unknown, value: unknown, path: string, context: Context): SchemaViolation[] {
  const branch: Context = { root: context.root, violations: [], depth: context.depth };
  validate(schema as JsonSchema, value, path, branch);
  return branch.violations;
}

function validateReference(reference: string, value: unknown, path: string, context: Context): void {
  let target: unknown = context.root;
  for (const token of reference.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isRecord(target) || Array.isArray(target) ? (target as Record<string, unknown>)[key] : undefined;
  }
  if (target === undefined) {
    report(context, path, `schema reference '${reference}' points at nothing`);
    return;
  }
  validate(target as JsonSchema, value, path, context);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function validateGeneric(schema: Keywords, value: unknown, path: string, context: Context): void {
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      report(
        context,
        path,
        `expected ${types.join(' or ')}, got ${actual === 'integer' ? 'number' : actual} ${previewJson(value, 40)}`,
      );
    }
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((option) => findJsonDifference(option, value) === null)
  ) {
    report(context, path, `expected one of ${previewJson(schema.enum, 60)}, got ${previewJson(value, 40)}`);
  }
  if ('const' in schema && findJsonDifference(schema.const, value) !== null) {
    report(context, path, `expected ${previewJson(schema.const, 40)}, got ${previewJson(value, 40)}`);
  }
}

function validateNumber(schema: Keywords, value: number, path: string, context: Context): void {
  const bound = (keyword: string, fails: (limit: number) => boolean, words: string) => {
    const limit = schema[keyword];
    if (typeof limit === 'number' && fails(limit))
      report(context, path, `must be ${words} ${limit}, got ${value}`);
  };
  bound('minimum', (limit) => value < limit, '>=');
  bound('maximum', (limit) => value > limit, '<=');
  bound('exclusiveMinimum', (limit) => value <= limit, '>');
  bound('exclusiveMaximum', (limit) => value >= limit, '<');
  const divisor = schema.multipleOf;
  if (typeof divisor === 'number' && divisor > 0) {
    const quotient = value / divisor;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9 * Math.max(1, Math.abs(quotient))) {
      report(context, path, `must be a multiple of ${divisor}, got ${value}`);
    }
  }
}

function validateString(schema: Keywords, value: string, path: string, context: Context): void {
  const length = Array.from(value).length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    report(context, path, `must have at least ${schema.minLength} characters, got ${length}`);
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    report(context, path, `must have at most ${schema.maxLength} characters, got ${length}`);
  }
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    report(context, path, `must match /${schema.pattern}/, got ${previewJson(value, 40)}`);
  }
}

function validateArray(schema: Keywords, value: unknown[], path: string, context: Context): void {
  const tuple = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  value.forEach((item, index) => {
    const itemSchema = index < tuple.length ? tuple[index] : rest;
    if (itemSchema !== undefined) validate(itemSchema as JsonSchema, item, `${path}[${index}]`, context);
  });
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    report(context, path, `must have at least ${schema.minItems} items, got ${value.length}`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    report(context, path, `must have at most ${schema.maxItems} items, got ${value.length}`);
  }
  if (schema.uniqueItems === true) {
    const duplicate = findDuplicate(value);
    if (duplicate)
      report(context, path, `items ${duplicate[0]} and ${duplicate[1]} are equal; items must be unique`);
  }
  if (
    schema.contains !== undefined &&
    !value.some((item) => matches(schema.contains, item, path, context).length === 0)
  ) {
    report(context, path, `no item matches the 'contains' schema`);
  }
}

function findDuplicate(items: unknown[]): [number, number] | undefined {
  for (let first = 0; first < items.length; first++) {
    for (let second = first + 1; second < items.length; second++) {
      if (findJsonDifference(items[first], items[second]) === null) return [first, second];
    }
  }
  return undefined;
}

function validateObject(
  schema: Keywords,
  value: Record<string, unknown>,
  path: string,
  context: Context,
): void {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!keys.includes(key)) report(context, path, `missing required property '${key}'`);
  }
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const patterns = Object.entries(isRecord(schema.patternProperties) ? schema.patternProperties : {});
  for (const key of keys) {
    const childPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    let described = false;
    if (key in properties) {
      described = true;
      validate(properties[key] as JsonSchema, value[key], childPath, context);
    }
    for (const [pattern, patternSchema] of patterns) {
      if (!new RegExp(pattern, 'u').test(key)) continue;
      described = true;
      validate(patternSchema as JsonSchema, value[key], childPath, context);
    }
    if (!described && schema.additionalProperties === false)
      report(context, path, `unexpected property '${key}'`);
    else if (!described && isRecord(schema.additionalProperties)) {
      validate(schema.additionalProperties, value[key], childPath, context);
    }
    if (schema.propertyNames !== undefined && matches(schema.propertyNames, key, path, context).length > 0) {
      report(context, path, `property name '${key}' does not match the 'propertyNames' schema`);
    }
  }
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
    report(context, path, `must have at least ${schema.minProperties} properties, got ${keys.length}`);
  }
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
    report(context, path, `must have at most ${schema.maxProperties} properties, got ${keys.length}`);
  }
}

function validateCombinators(schema: Keywords, value: unknown, path: string, context: Context): void {
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : [])
    validate(branch as JsonSchema, value, path, context);
  if (Array.isArray(schema.anyOf)) {
    const results = schema.anyOf.map((branch) => matches(branch, value, path, context));
    if (!results.some((violations) => violations.length === 0)) {
      const closest = results.reduce((best, violations) =>
        violations.length < best.length ? violations : best,
      );
      const hint = closest[0] ? ` (closest: ${closest[0].path}: ${closest[0].message})` : '';
      report(context, path, `matches none of the ${results.length} anyOf schemas${hint}`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.flatMap((branch, index) =>
      matches(branch, value, path, context).length === 0 ? [index] : [],
    );
    if (matching.length !== 1) {
      const which = matching.length === 0 ? 'none' : `${matching.length} (${matching.join(', ')})`;
      report(
        context,
        path,
        `matches ${which} of the ${schema.oneOf.length} oneOf schemas; exactly one must match`,
      );
    }
  }
  if (schema.not !== undefined && matches(schema.not, value, path, context).length === 0) {
    report(context, path, `must not match the 'not' schema`);
  }
  if (schema.if !== undefined) {
    const branch = matches(schema.if, value, path, context).length === 0 ? schema.then : schema.else;
    if (branch !== undefined) validate(branch as JsonSchema, value, path, context);
  }
}
