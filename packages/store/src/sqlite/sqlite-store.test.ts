import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpan, runStoreContract } from '../contract/store-contract.suite.js';
import { sqliteMigrations } from './migrations/index.js';
import { openSqliteStore } from './sqlite-store.js';

const latestVersion = sqliteMigrations.at(-1)!.version;

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-sqlite-'));
let files = 0;
const tempFile = () => path.join(directory, `store-${++files}.db`);
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

runStoreContract('sqlite', { create: async () => openSqliteStore(tempFile()) });

describe('SQLite store', () => {
  it('uses WAL mode and records its schema version', async () => {
    const file = tempFile();
    await openSqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare('SELECT max(version) AS v FROM sextant_schema').get() as { v: number }).v).toBe(
      latestVersion,
    );
    db.close();
  });

  it('refuses a database written by a newer Sextant, naming both versions', async () => {
    const file = tempFile();
    await openSqliteStore(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO sextant_schema (version, applied_at) VALUES (99, 0)').run();
    db.close();
    expect(() => openSqliteStore(file)).toThrow(
      new RegExp(`schema version 99.*up to ${latestVersion}.*upgrade Sextant`),
    );
  });

  it('lists its migrations in version order, and applies a missing one below the newest applied', async () => {
    const versions = sqliteMigrations.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    // A development build recorded the newest version before an older one existed: simulate by
    // forgetting version 5 (datasets) and dropping its tables.
    const file = tempFile();
    await openSqliteStore(file).close();
    const db = new Database(file);
    db.exec(
      'DROP TABLE dataset_items; DROP TABLE dataset_versions; DROP TABLE datasets; DELETE FROM sextant_schema WHERE version = 5',
    );
    db.close();
    const store = openSqliteStore(file);
    await store.createProject({ id: 'p', name: 'P' });
    await store.datasets.create('p', { name: 'qa', description: '' });
    expect((await store.datasets.list('p')).map((dataset) => dataset.name)).toEqual(['qa']);
    await store.close();
  });

  it('keeps data across reopen', async () => {
    const file = tempFile();
    const first = openSqliteStore(file);
    await first.createProject({ id: 'p', name: 'P' });
    const span = makeSpan();
    await first.insertSpans('p', [span]);
    await first.close();
    const second = openSqliteStore(file);
    expect((await second.getTrace('p', span.traceId))?.spans).toHaveLength(1);
    await second.close();
  });
});
