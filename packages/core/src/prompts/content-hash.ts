/**
 * JSON with object keys sorted at every depth and `undefined` fields left out, so equal content always
 * gives the same text, whatever order its fields were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortKeys(field);
  }
  return sorted;
}

/**
 * `sha256:<hex>` of the canonical JSON of `value`: the identity of a prompt's or release's content, so a
 * push of unchanged content creates no version. Uses Web Crypto, available in Node 20 and browsers.
 * @example await contentHash({ type: 'text', template: 'Hi' }) // 'sha256:…'
 */
export async function contentHash(value: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(value)));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex}`;
}
