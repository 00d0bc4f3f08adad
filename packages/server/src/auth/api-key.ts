import { createHash, randomBytes } from 'node:crypto';
import type { HeaderReader } from '../http/request-headers.js';

const keyPrefix = 'sk-sx-';

/** A new random API key. 32 random bytes make brute force hopeless, so a fast hash is safe to store. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = `${keyPrefix}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, keyPrefix.length + 6), keyHash: hashApiKey(key) };
}

/** The stored form of a key: keys are never stored or logged in clear. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Reads the key from `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function readApiKey(header: HeaderReader): string | null {
  const authorization = header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  return header('x-api-key')?.trim() || null;
}
