import { describe, expect, it } from 'vitest';
import { makeSpan, runStoreContract, type SkippedCases } from '../contract/store-contract.suite.js';
import { postgresMigrations } from './migrations/index.js';
import { openPostgresStore } from './postgres-store.js';
import { postgresForTests } from './test-database.js';

const postgres = postgresForTests();
const openFresh = () =>
  openPostgresStore(postgres.url(), { schema: postgres.freshSchema(), maxConnections: 4 });

/** Contract cases this adapter does not pass yet, each with the reason. */
const skipped: SkippedCases = {};

if (postgres.available) {
  runStoreContract('postgres', { create: async () => openFresh(), skip: skipped });
} else {
  describe.skip(`Store contract: postgres (${postgres.skipReason})`, () => {
    it('runs the contract', () => {});
  });
}

const latest = postgresMigrations.at(-1)?.version ?? 0;

describe.skipIf(!postgres.available)('PostgreSQL store', () => {
  it('records its schema version and refuses a database written by a newer Sextant', async () => {
    const store = openFresh();
    await store.ready();
    const { rows } = await store.pool.query<{ v: number }>('SELECT max(version) AS v FROM sextant_schema');
    expect(rows[0]?.v).toBe(latest);
    await store.pool.query('INSERT INTO sextant_schema (version, applied_at) VALUES (99, 0)');
    await store.close();
    const newer = openPostgresStore(postgres.url(), { schema: store.schema });
    await expect(newer.listProjects()).rejects.toThrow(
      new RegExp(`schema version 99.*up to ${latest}.*upgrade Sextant`),
    );
    await newer.close();
  });

  it('keeps data across reopen, and two stores opened at once migrate once', async () => {
    const first = openFresh();
    const second = openPostgresStore(postgres.url(), { schema: first.schema });
    await Promise.all([first.ready(), second.ready()]);
    await first.createProject({ id: 'p', name: 'P' });
    const span = makeSpan();
    await first.insertSpans('p', [span]);
    await first.close();
    expect((await second.getTrace('p', span.traceId))?.spans).toHaveLength(1);
    await second.close();
  });

  it('puts spans in monthly partitions created on demand, also when servers race for a new month', async () => {
    const store = openFresh();
    const other = openPostgresStore(postgres.url(), { schema: store.schema });
    await store.createProject({ id: 'p', name: 'P' });
    const march = Date.UTC(2026, 2, 15) * 1000;
    const april = Date.UTC(2026, 3, 1) * 1000;
    await Promise.all([
      store.insertSpans('p', [makeSpan({ startTimeUs: march, endTimeUs: march + 5 })]),
      other.insertSpans('p', [makeSpan({ startTimeUs: april, endTimeUs: april + 5 })]),
      other.insertSpans('p', [makeSpan({ startTimeUs: march + 1, endTimeUs: march + 9 })]),
    ]);
    const { rows } = await store.pool.query<{ partition: string; n: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*) AS n FROM spans GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { partition: 'spans_p2026_03', n: 2 },
      { partition: 'spans_p2026_04', n: 1 },
    ]);
    await store.close();
    await other.close();
  });

  it('names the bad URL when the server cannot be reached, without its password', async () => {
    const store = openPostgresStore('postgres://me:secret@127.0.0.1:1/none');
    expect(store.location).toBe('postgres://me:***@127.0.0.1:1/none');
    await expect(store.listProjects()).rejects.toThrow(
      /cannot connect to PostgreSQL at postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none .*check that PostgreSQL is running/,
    );
    await store.close();
  });
});
