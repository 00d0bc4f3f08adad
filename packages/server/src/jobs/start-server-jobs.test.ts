import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@sextant/store';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../start-server.js';

const directories: string[] = [];
const tempStore = () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-server-jobs-'));
  directories.push(directory);
  return openSqliteStore(path.join(directory, 'sextant.db'));
};
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe('startServer and jobs', () => {
  it('starts the job runner, which runs jobs enqueued by anyone, and stops it on close', async () => {
    const store = tempStore();
    const running = await startServer({ store, port: 0, jobs: { pollMs: 10 } });
    const ran: string[] = [];
    running.jobs!.register('test.echo', async (job) => {
      ran.push(job.payload as string);
    });
    const job = await store.jobs.enqueue({ projectId: 'default', kind: 'test.echo', payload: 'hello' });
    const deadline = Date.now() + 15_000;
    while ((await store.jobs.get('default', job.id))?.status !== 'succeeded') {
      if (Date.now() > deadline) throw new Error('the started runner did not run the job within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(ran).toEqual(['hello']);
    await running.close();
    await store.jobs.enqueue({ projectId: 'default', kind: 'test.echo', payload: 'after close' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual(['hello']);
    await store.close();
  });

  it('leaves jobs alone with `jobs: false`, for tests that tick a runner themselves', async () => {
    const store = tempStore();
    const running = await startServer({ store, port: 0, jobs: false });
    expect(running.jobs).toBeNull();
    await running.close();
    await store.close();
  });
});
