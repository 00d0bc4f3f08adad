import type { CanonicalSpan } from '@sextant/core';
import type pg from 'pg';
import { inTransaction, lockKey } from './postgres-database.js';

/** One partition per calendar month (UTC) of span start time: [first microsecond, next month's first). */
export function monthPartition(startTimeUs: number) {
  const date = new Date(Math.floor(startTimeUs / 1000));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    name: `spans_p${String(year).padStart(4, '0')}_${String(month + 1).padStart(2, '0')}`,
    fromUs: Date.UTC(year, month, 1) * 1000,
    toUs: Date.UTC(year, month + 1, 1) * 1000,
  };
}

/**
 * Creates the month partitions a batch needs before it is written. Creation is serialised by an advisory
 * lock and checked again under it, so servers racing for a new month create it once. `known` caches
 * partitions this process has seen, so the common case costs nothing.
 */
export async function ensureSpanPartitions(
  pool: pg.Pool,
  schema: string,
  known: Set<string>,
  spans: readonly CanonicalSpan[],
): Promise<void> {
  const needed = new Map<string, ReturnType<typeof monthPartition>>();
  for (const span of spans) {
    const partition = monthPartition(span.startTimeUs);
    if (!known.has(partition.name)) needed.set(partition.name, partition);
  }
  for (const partition of needed.values()) {
    await inTransaction(pool, async (client) => {
      // A plain catalog query (not to_regclass, whose cached lookup can miss a partition created meanwhile).
      const exists = async () =>
        (
          await client.query(
            `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
            [schema, partition.name],
          )
        ).rowCount === 1;
      if (await exists()) return;
      await lockKey(client, `sextant-partition:${schema}`);
      if (await exists()) return;
      await client.query(
        `CREATE TABLE ${partition.name} PARTITION OF spans FOR VALUES FROM (${partition.fromUs}) TO (${partition.toUs})`,
      );
    });
    known.add(partition.name);
  }
}
