import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const clusterScript = path.resolve(import.meta.dirname, '../../../../scripts/postgres-cluster.sh');

const hasPostgresBinaries = () => {
  try {
    execFileSync('bash', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
};

/**
 * The PostgreSQL server a test file runs against: `SEXTANT_TEST_POSTGRES_URL` (set by .ci/run), or else a
 * throwaway cluster this file starts with scripts/postgres-cluster.sh when the binaries are installed, so
 * `npm test` works on a dev machine. Without either, `available` is false and the tests skip with
 * `skipReason`; in CI (CI=true) that is an error instead, never a silent skip.
 * Call at the top level of a test file (it registers beforeAll/afterAll hooks).
 */
export function postgresForTests() {
  const given = process.env.SEXTANT_TEST_POSTGRES_URL;
  const canStart = !given && hasPostgresBinaries();
  if (!given && !canStart && process.env.CI) {
    throw new Error(
      'PostgreSQL is missing in CI: .ci/run must install it and export SEXTANT_TEST_POSTGRES_URL',
    );
  }
  let url = given ?? '';
  const schemas: string[] = [];
  let directory: string | null = null;
  beforeAll(() => {
    if (given || !canStart) return;
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-test-pg-'));
    url = execFileSync('bash', [clusterScript, 'start', directory], { encoding: 'utf8' }).trim();
  }, 60_000);
  afterAll(async () => {
    if (url && schemas.length > 0) await dropSchemas(url, schemas);
    if (directory) {
      execFileSync('bash', [clusterScript, 'stop', directory]);
    }
  }, 60_000);
  return {
    available: Boolean(given) || canStart,
    skipReason: 'no PostgreSQL: install it (initdb on PATH) or set SEXTANT_TEST_POSTGRES_URL',
    url: () => url,
    /** A fresh schema name, dropped after the file's tests, so cases never see each other's rows. */
    freshSchema: () => {
      const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return schema;
    },
  };
}

async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
