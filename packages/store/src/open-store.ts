import { SextantError } from '@sextant/core';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Default location of the embedded store, relative to the working directory. */
export const defaultDatabasePath = './.sextant/sextant.db';

/**
 * Opens the store a location names: a file path or `sqlite:PATH` for the embedded store.
 * @example const store = openStore(process.env.SEXTANT_DB ?? defaultDatabasePath);
 */
export function openStore(location: string): Store {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw new SextantError(
      'bad_request',
      `PostgreSQL stores are not supported yet ('${redact(location)}'); use a SQLite file path`,
    );
  }
  return openSqliteStore(location.replace(/^sqlite:/, ''));
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
