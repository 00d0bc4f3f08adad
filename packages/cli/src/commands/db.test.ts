import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@sextant/store';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresForTests } from '../../../store/src/postgres/test-database.js';
import { runSextant } from '../test-support/run-sextant.js';

const postgres = postgresForTests();
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-db-cli-'));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('sextant db migrate', () => {
  it('names the bad value and the fix for a --to that is not PostgreSQL', async () => {
    const run = await runSextant(['db', 'migrate', '--from', 'sqlite:x.db', '--to', 'mysql://db/x']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--to 'mysql:\/\/db\/x' is not a PostgreSQL URL; give postgres:\/\//);
  });

  it.skipIf(!postgres.available)(
    'copies a store, prints a verified table, and refuses to copy over data without --force',
    async () => {
      const file = path.join(directory, 'store.db');
      const store = openSqliteStore(file);
      await store.createProject({ id: 'p', name: 'P' });
      await store.datasets.create('p', { name: 'qa', description: '' });
      await store.close();
      const target = `${postgres.url()}?schema=${postgres.freshSchema()}`;

      const run = await runSextant(['db', 'migrate', '--from', `sqlite:${file}`, '--to', target]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        /table\s+sqlite rows\s+postgres rows\s+sqlite checksum\s+postgres checksum\s+check/,
      );
      expect(run.stdout).toMatch(/projects\s+1\s+1\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+ok/);
      expect(run.stdout).toMatch(/every count and checksum matches/);

      const again = await runSextant(['db', 'migrate', '--from', file, '--to', target]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already holds data .*--force/);
      const forced = await runSextant(['db', 'migrate', '--from', file, '--to', target, '--force']);
      expect(forced.code).toBe(0);
    },
  );
});
