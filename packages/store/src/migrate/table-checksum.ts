import { createHash } from 'node:crypto';

/**
 * Canonical form of one value given its PostgreSQL column type, the same whichever database it came
 * from: booleans as 0/1 (SQLite has no booleans), arrays as compact JSON text (SQLite keeps them as
 * JSON), bytes as base64, text as strings, numbers as JSON numbers.
 */
export function canonicalValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === true || value === 1 ? 1 : 0;
  if (type === 'ARRAY') return JSON.stringify(typeof value === 'string' ? JSON.parse(value) : value);
  if (type === 'bytea') return `base64:${Buffer.from(value as Uint8Array).toString('base64')}`;
  if (type === 'text') return String(value);
  return Number(value);
}

/**
 * An order-independent checksum of a table: the sum (mod 2^64) of the SHA-256 prefixes of every row's
 * canonical JSON. Both sides stream their rows in any order and agree exactly when the rows do.
 */
export class TableChecksum {
  rows = 0;
  private sum = 0n;

  constructor(private readonly types: readonly string[]) {}

  add(values: readonly unknown[]): void {
    const canonical = JSON.stringify(
      values.map((value, index) => canonicalValue(value, this.types[index] ?? '')),
    );
    const digest = createHash('sha256').update(canonical).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
    this.rows += 1;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}
