import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { traceQuerySchema } from '@sextant/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpan, runStoreContract } from '../contract/store-contract.suite.js';
import { sqliteMigrations } from './migrations/index.js';
import { openDatabase } from './open-database.js';
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

  it('carries the span kinds of traces stored before migration 14 into their bitmask', async () => {
    const file = tempFile();
    const old = openDatabase(file, sqliteMigrations.slice(0, 13));
    old.exec(`
      INSERT INTO projects (id, name, created_at) VALUES ('p', 'P', 0);
      INSERT INTO traces (project_id, trace_id, name, has_root, start_time_us, end_time_us, span_count, error_count,
        input_tokens, output_tokens, tags, models)
      VALUES ('p', 't1', 'agent', 1, 1, 2, 2, 0, 0, 0, '[]', '["gpt-4o"]'),
             ('p', 't2', 'rag', 1, 3, 4, 1, 0, 0, 0, '[]', '[]');
      INSERT INTO trace_kinds (project_id, kind, trace_id)
      VALUES ('p', 'agent', 't1'), ('p', 'tool', 't1'), ('p', 'retrieval', 't2');
      INSERT INTO trace_models (project_id, model, trace_id) VALUES ('p', 'gpt-4o', 't1');`);
    old.close();
    const store = openSqliteStore(file);
    const ids = async (filter: object) =>
      (await store.listTraces('p', traceQuerySchema.parse(filter))).traces.map((trace) => trace.traceId);
    expect(await ids({ kind: 'tool' })).toEqual(['t1']);
    expect(await ids({ kind: 'agent' })).toEqual(['t1']);
    expect(await ids({ kind: 'retrieval' })).toEqual(['t2']);
    expect(await ids({ kind: 'llm' })).toEqual([]);
    expect(await ids({ model: 'gpt-4o' })).toEqual(['t1']);
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
