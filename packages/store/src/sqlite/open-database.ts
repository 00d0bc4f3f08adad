import fs from 'node:fs';
import path from 'node:path';
import { SextantError } from '@sextant/core';
import Database from 'better-sqlite3';
import type { Migration } from '../migration.js';

export interface OpenDatabaseOptions {
  /** `full` fsyncs every commit (survives power loss); `normal` survives process crashes. Default `normal`. */
  synchronous?: 'normal' | 'full';
  /**
   * `auto` (default): the connection that commits past 1,000 WAL pages copies them into the database
   * file itself, inside its write. `background`: a `startWalCheckpointer` thread does that copying, so
   * writers only append; a far higher threshold stays as a backstop should the checkpointer stop.
   */
  walCheckpoints?: 'auto' | 'background';
}

/** WAL pages (16 KiB) after which a writer checkpoints anyway when checkpoints run in the background. */
const backstopCheckpointPages = 16_384;

/**
 * Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date.
 * Refuses a database written by a newer Sextant instead of guessing at its schema.
 */
export function openDatabase(
  file: string,
  migrations: readonly Migration[],
  options: OpenDatabaseOptions = {},
): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    // Spans are ~2 KB rows: 16 KiB pages keep most of them out of overflow chains. Only takes
    // effect on a new file (before the first table), which is when it matters.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    if (options.walCheckpoints === 'background') db.pragma(`wal_autocheckpoint = ${backstopCheckpointPages}`);
    migrate(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS sextant_schema (version INTEGER NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM sextant_schema').all() as { version: number }[]).map(
      (row) => row.version,
    ),
  );
  const current = Math.max(0, ...applied);
  const latest = Math.max(0, ...migrations.map((migration) => migration.version));
  if (current > latest) {
    throw new SextantError(
      'schema_too_new',
      `database ${file} has schema version ${current}, but this Sextant knows versions up to ${latest}; ` +
        'upgrade Sextant, or point --db at another file',
    );
  }
  // Every version not applied yet runs, in order, even below the newest applied one: a database that
  // recorded a later version before an earlier one existed (a development build) still gets it.
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO sextant_schema (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        Date.now(),
      );
    })();
  }
}
