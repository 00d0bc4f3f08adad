import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests run against: `SEXTANT_TEST_POSTGRES_URL`, set by `.ci/run` or by the vitest
 * global setup (scripts/postgres-global-setup.ts) when PostgreSQL binaries are installed. In CI its absence
 * is an error, never a silent skip.
 */
export function testPostgresUrl(): string | null {
  const url = process.env.SEXTANT_TEST_POSTGRES_URL;
  if (url) return url;
  if (process.env.CI) {
    throw new Error(
      'SEXTANT_TEST_POSTGRES_URL is not set in CI: .ci/run must start PostgreSQL (scripts/postgres-cluster.sh)',
    );
  }
  return null;
}

/** Why PostgreSQL tests are skipped on this machine, for the skip message. */
export const noPostgresReason = 'no PostgreSQL: install it (initdb on PATH) or set SEXTANT_TEST_POSTGRES_URL';

/** A fresh schema name per test, so cases never see each other's rows. */
export const freshSchema = () => `test_${process.pid}_${randomBytes(4).toString('hex')}`;

/** Drops the schemas a test file created. */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
