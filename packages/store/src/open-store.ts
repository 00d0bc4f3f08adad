import { openPostgresStore } from './postgres/postgres-store.js';
import type { OpenDatabaseOptions } from './sqlite/open-database.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Default location of the embedded store, relative to the working directory. */
export const defaultDatabasePath = './.sextant/sextant.db';

/**
 * Opens the store a location names: a file path or `sqlite:PATH` for the embedded store, or a
 * `postgres://user:password@host:port/database` URL (optionally `?schema=name`) for PostgreSQL.
 * `sqlite` options apply to the embedded store only.
 * @example const store = openStore(process.env.SEXTANT_DB ?? defaultDatabasePath);
 */
export function openStore(location: string, options: { sqlite?: OpenDatabaseOptions } = {}): Store {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresStore(location);
  return openSqliteStore(location.replace(/^sqlite:/, ''), options.sqlite);
}

/** The database file of an embedded-store location, or null for PostgreSQL. */
export function sqliteFileOf(location: string): string | null {
  return /^postgres(ql)?:\/\//.test(location) ? null : location.replace(/^sqlite:/, '');
}
