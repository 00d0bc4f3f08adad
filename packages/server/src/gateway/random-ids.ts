import { randomFillSync } from 'node:crypto';

// One syscall fills 4 KiB of randomness for ~170 span or trace ids, instead of one syscall per id.
const pool = Buffer.alloc(4096);
let offset = pool.length;

/** `bytes` cryptographically random bytes as lowercase hex, drawn from a refilled pool. */
export function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}
