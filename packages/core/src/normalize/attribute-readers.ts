/** Decoded OTLP attributes: string, number, boolean, arrays, objects (kvlists), null. */
export type Attributes = Record<string, unknown>;

/** A non-empty string attribute, else null. */
export function readString(attributes: Attributes, key: string): string | null {
  const value = attributes[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An identifier or version: a non-empty string, or an integer (apps send user ids and versions as ints). */
export function readId(attributes: Attributes, key: string): string | null {
  const value = attributes[key];
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A numeric attribute; numeric strings (int64 beyond 2^53, or sloppy instrumentations) are accepted. */
export function readNumber(attributes: Attributes, key: string): number | null {
  return toNumber(attributes[key]);
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

/** A list of strings: an array attribute, a JSON array in a string (OpenInference `tag.tags`), or one string. */
export function readStringList(attributes: Attributes, key: string): string[] {
  let value = attributes[key];
  if (typeof value === 'string') {
    if (!looksLikeJson(value)) return value === '' ? [] : [value];
    value = parseJson(value);
  }
  if (!Array.isArray(value)) return [];
  const strings: string[] = [];
  for (const item of value) if (typeof item === 'string' && item !== '') strings.push(item);
  return strings;
}

/**
 * An attribute known to hold JSON: a structured value is returned as is, a string is parsed when it looks
 * like a JSON object or array and otherwise returned unchanged. Missing → undefined.
 */
export function readJson(attributes: Attributes, key: string): unknown {
  const value = attributes[key];
  if (typeof value !== 'string' || !looksLikeJson(value)) return value ?? undefined;
  const parsed = parseJson(value);
  return parsed === undefined ? value : parsed;
}

/**
 * An attribute that always holds a JSON document, of any type (Traceloop's entity input and output):
 * the parsed value, or the raw string when it is not valid JSON.
 */
export function readJsonDocument(attributes: Attributes, key: string): unknown {
  const value = attributes[key];
  if (typeof value !== 'string') return value ?? undefined;
  const parsed = parseJson(value);
  return parsed === undefined ? value : parsed;
}

/** True when the first non-blank character opens a JSON object or array (a cheap test before JSON.parse). */
export function looksLikeJson(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 123 || code === 91) return true; // { [
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return false;
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A value as text: strings unchanged, everything else as JSON (null when it cannot be serialised). */
export function toText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    // Cyclic or absurdly deep values cannot come from OTLP decoding, but stay safe.
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `table[key]` for own keys only, so attribute values such as "constructor" never reach the prototype. */
export function lookup<Value>(table: Record<string, Value>, key: string | null | undefined): Value | null {
  return key !== null && key !== undefined && Object.hasOwn(table, key) ? table[key]! : null;
}
