import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Default location of the embedded store, relative to the working directory. */
export const defaultDatabasePath = './.sextant/sextant.db';

/**
 * Opens the store a location names: a file path or `sqlite:PATH` for the embedded store, or a
 * `postgres://user:password@host:port/database` URL (optionally `?schema=name`) for PostgreSQL.
 * @example const store = openStore(process.env.SEXTANT_DB ?? defaultDatabasePath);
 */
export function openStore(location: string): Store {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresStore(location);
  return openSqliteStore(location.replace(/^sqlite:/, ''));
}
