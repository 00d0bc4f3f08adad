import { isRecord, previewJson } from './evaluation-values.js';

/**
 * `exact`: same JSON value (object key order ignored; a key set to undefined counts as absent).
 * `subset`: every key of an expected object is in the actual one with a matching value, recursively;
 * arrays must have the same length and match element by element.
 */
export type JsonMatchMode = 'exact' | 'subset';

/**
 * The first place where `actual` differs from `expected`, as a sentence with a JSONPath-like
 * location (`$.filters[0].field: expected "date", got "day"`), or null when they match.
 */
export function findJsonDifference(
  expected: unknown,
  actual: unknown,
  mode: JsonMatchMode = 'exact',
  path = '$',
): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return mismatch(path, expected, actual);
    if (expected.length !== actual.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    }
    for (let index = 0; index < expected.length; index++) {
      const difference = findJsonDifference(expected[index], actual[index], mode, `${path}[${index}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return mismatch(path, expected, actual);
    return findObjectDifference(expected, actual, mode, path);
  }
  return Object.is(expected, actual) || expected === actual ? null : mismatch(path, expected, actual);
}

function findObjectDifference(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  mode: JsonMatchMode,
  path: string,
): string | null {
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) continue;
    const childPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    if (!(key in actual) || actual[key] === undefined)
      return `${childPath}: missing (expected ${previewJson(value, 40)})`;
    const difference = findJsonDifference(value, actual[key], mode, childPath);
    if (difference) return difference;
  }
  if (mode === 'subset') return null;
  const extra = Object.keys(actual).filter((key) => actual[key] !== undefined && expected[key] === undefined);
  return extra.length > 0
    ? `${path}: unexpected key${extra.length > 1 ? 's' : ''} ${extra.map((key) => `'${key}'`).join(', ')}`
    : null;
}

function mismatch(path: string, expected: unknown, actual: unknown): string {
  return `${path}: expected ${previewJson(expected, 40)}, got ${previewJson(actual, 40)}`;
}

/** Parses a JSON string (other values pass through as they are), or says why it is not JSON. */
export function parseJsonValue(value: unknown): { value: unknown } | { error: string } {
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
