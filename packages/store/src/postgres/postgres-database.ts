import { createRequire } from 'node:module';
import { SextantError } from '@sextant/core';
import type pg from 'pg';
import type { Migration } from '../migration.js';

/** A pool, or a client checked out for a transaction: both answer `query`. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PostgresOptions {
  /** Schema holding Sextant's tables (created if missing); default `public`. Tests use one per case. */
  schema?: string;
  /** Connections per process; default 10. */
  maxConnections?: number;
}

// The driver loads on first use: processes and threads that only use SQLite (every ingestion thread of
// an embedded server) never pay for it.
const require = createRequire(import.meta.url);
let driver: typeof pg | undefined;
const loadDriver = (): typeof pg => {
  driver ??= require('pg') as typeof pg;
  return driver;
};

const int8 = 20;
const numeric = 1700;
/** Counts and microsecond times fit a double exactly up to 2^53; pg would hand them back as strings. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8 || oid === numeric) return (value: string) => Number(value);
    return loadDriver().types.getTypeParser(oid, format);
  },
};

/** `postgres://...?schema=name` names the schema inside the URL, so one setting (`--db`) says it all. */
export function parseLocation(location: string, options: PostgresOptions) {
  const url = new URL(location);
  const schema = options.schema ?? url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new SextantError(
      'bad_request',
      `schema '${schema}' is not a plain identifier; use letters, digits and underscores`,
    );
  }
  return { connectionString: url.toString(), schema };
}

export function createPool(connectionString: string, schema: string, options: PostgresOptions): pg.Pool {
  const pool = new (loadDriver().Pool)({
    connectionString,
    max: options.maxConnections ?? 10,
    types,
    // JIT compilation costs hundreds of milliseconds and pays off only for long analytical queries.
    options: `-c search_path=${schema} -c jit=off`,
  });
  // An idle client losing its connection (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Runs `body` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  body: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Serialises writers of one key across every process on the database, until the transaction ends. */
export async function lockKey(client: Queryable, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}

/**
 * Brings the schema up to date under an advisory lock, so servers starting together migrate once.
 * Refuses a schema written by a newer Sextant instead of guessing at it.
 */
export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  location: string,
  migrations: readonly Migration[],
): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    throw unreachable(location, error);
  });
  client.release();
  await inTransaction(pool, async (client) => {
    await lockKey(client, `sextant-migrate:${schema}`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS sextant_schema (version integer NOT NULL, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM sextant_schema',
    );
    const current = rows[0]?.version ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new SextantError(
        'schema_too_new',
        `database ${location} has schema version ${current}, but this Sextant knows versions up to ${latest}; ` +
          'upgrade Sextant, or point --db at another database',
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO sextant_schema (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        Date.now(),
      ]);
    }
  });
}

/** Names the database and the likely fix instead of a bare socket error. */
function unreachable(location: string, error: unknown): SextantError {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  const fix =
    code === '28P01' || code === '28000'
      ? 'check the user and password in the URL'
      : code === '3D000'
        ? 'create the database first (createdb), or name an existing one'
        : 'check that PostgreSQL is running and the host and port in the URL are right';
  return new SextantError('internal', `cannot connect to PostgreSQL at ${location} (${reason}); ${fix}`, {
    cause: error,
  });
}

/** The URL without its password, for log lines. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Unique-key violation (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
