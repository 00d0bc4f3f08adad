import { describe, expect, it } from 'vitest';
import { TableChecksum } from './table-checksum.js';

const sum = (types: string[], rows: unknown[][]) => {
  const checksum = new TableChecksum(types);
  for (const row of rows) checksum.add(row);
  return checksum.hex;
};

describe('table checksum', () => {
  const types = ['text', 'bigint', 'boolean', 'ARRAY', 'bytea'];
  const sqliteRow = ['a', 5, 1, '["x","y"]', Buffer.from([1, 2])];
  const postgresRow = ['a', 5, true, ['x', 'y'], Buffer.from([1, 2])];

  it('agrees on the same rows whichever database and order they come from', () => {
    const other = ['b', 6, 0, '[]', null];
    expect(sum(types, [sqliteRow, other])).toBe(sum(types, [['b', 6, false, [], null], postgresRow]));
  });

  it('differs when any value differs', () => {
    const base = sum(types, [sqliteRow]);
    expect(sum(types, [['a', 6, 1, '["x","y"]', Buffer.from([1, 2])]])).not.toBe(base);
    expect(sum(types, [['a', 5, 0, '["x","y"]', Buffer.from([1, 2])]])).not.toBe(base);
    expect(sum(types, [['a', 5, 1, '["y","x"]', Buffer.from([1, 2])]])).not.toBe(base);
    expect(sum(types, [['a', 5, 1, '["x","y"]', Buffer.from([1, 3])]])).not.toBe(base);
    expect(sum(types, [['a', 5, 1, '["x","y"]', null]])).not.toBe(base);
  });
});
