import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@sextant/store';
import { afterEach, describe, expect, it } from 'vitest';
import { JobRunner } from './job-runner.js';

const directories: string[] = [];
const stores: Store[] = [];
function tempFile() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sextant-jobs-'));
  directories.push(directory);
  return path.join(directory, 'sextant.db');
}
async function openStore(file = tempFile()) {
  const store = openSqliteStore(file);
  stores.push(store);
  if (!(await store.getProject('alpha'))) {
    await store.createProject({ id: 'alpha', name: 'Alpha' });
    await store.createProject({ id: 'beta', name: 'Beta' });
  }
  return store;
}
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe('JobRunner', () => {
  it('runs each job of its kinds once and leaves other kinds alone', async () => {
    const store = await openStore();
    const seen: unknown[] = [];
    const runner = new JobRunner({ store }).register('count', async (job) => {
      seen.push(job.payload);
    });
    await store.jobs.enqueue({ projectId: 'alpha', kind: 'count', payload: 1 });
    await store.jobs.enqueue({ projectId: 'beta', kind: 'count', payload: 2 });
    const other = await store.jobs.enqueue({ projectId: 'alpha', kind: 'someone-else' });
    expect(await runner.tick()).toBe(2);
    expect(seen.sort()).toEqual([1, 2]);
    expect(await runner.tick()).toBe(0);
    expect((await store.jobs.get('alpha', other.id))?.status).toBe('pending');
    expect(await store.jobs.list('alpha', { kind: 'count', status: 'succeeded' })).toHaveLength(1);
  });

  it('retries a failing job with doubling delays, then keeps it dead with its error', async () => {
    const store = await openStore();
    let clock = Date.now();
    const errors: unknown[] = [];
    let calls = 0;
    const runner = new JobRunner({
      store,
      now: () => new Date(clock),
      retryBaseDelayMs: 1000,
      logError: (error) => errors.push(error),
    }).register('flaky', async () => {
      calls += 1;
      throw new Error(`upstream said no (#${calls})`);
    });
    const job = await store.jobs.enqueue({
      projectId: 'alpha',
      kind: 'flaky',
      maxAttempts: 3,
      runAt: new Date(clock), // due on the test's clock, however slow the machine
    });
    expect(await runner.tick()).toBe(1);
    const first = await store.jobs.get('alpha', job.id);
    expect(first).toMatchObject({ status: 'pending', lastError: 'upstream said no (#1)' });
    expect(first!.runAt.getTime() - clock).toBe(1000);
    expect(await runner.tick()).toBe(0); // not due yet
    clock += 1000;
    expect(await runner.tick()).toBe(1);
    expect((await store.jobs.get('alpha', job.id))!.runAt.getTime() - clock).toBe(2000);
    clock += 2000;
    expect(await runner.tick()).toBe(1);
    expect(await store.jobs.get('alpha', job.id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: 'upstream said no (#3)',
    });
    expect(String(errors[0])).toMatch(/gave up after 3 attempts: upstream said no/);
    clock += 3_600_000;
    expect(await runner.tick()).toBe(0);
  });

  it('survives a store that fails while a job fails (the job stays leased for a later retry)', async () => {
    const store = await openStore();
    const errors: unknown[] = [];
    const runner = new JobRunner({ store, logError: (error) => errors.push(error) }).register(
      'breaks',
      async () => {
        throw new Error('handler failed');
      },
    );
    const job = await store.jobs.enqueue({ projectId: 'alpha', kind: 'breaks' });
    const fail = store.jobs.fail;
    store.jobs.fail = async () => {
      throw new Error('database is closing');
    };
    expect(await runner.tick()).toBe(1);
    store.jobs.fail = fail;
    expect(String(errors[0])).toMatch(/database is closing/);
    expect((await store.jobs.get('alpha', job.id))?.status).toBe('running');
  });

  it('runs at most `concurrency` jobs at once while started, and stop waits for the ones in flight', async () => {
    const store = await openStore();
    let active = 0;
    let peak = 0;
    let finished = 0;
    const runner = new JobRunner({ store, pollMs: 5, concurrency: 2 }).register('slow', async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 30));
      active -= 1;
      finished += 1;
    });
    for (let index = 0; index < 6; index += 1) await store.jobs.enqueue({ projectId: 'alpha', kind: 'slow' });
    runner.start();
    while (finished < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await runner.stop();
    expect(active).toBe(0); // stop resolved only after the jobs in flight settled
    expect(peak).toBe(2);
    const done = (await store.jobs.list('alpha', { status: 'succeeded' })).length;
    expect(done).toBe(finished);
    // Jobs not started stay pending for the next process; none is left leased.
    expect(await store.jobs.list('alpha', { status: 'running' })).toEqual([]);
    expect((await store.jobs.list('alpha', { status: 'pending' })).length).toBe(6 - finished);
  });

  it('aborts the handler signal on stop; the interrupted job is retried, not lost', async () => {
    const store = await openStore();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const runner = new JobRunner({ store, pollMs: 5 }).register('long', async (_job, { signal }) => {
      started();
      await new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new Error('stopped'))),
      );
    });
    const job = await store.jobs.enqueue({ projectId: 'alpha', kind: 'long' });
    runner.start();
    await running;
    await runner.stop();
    expect(await store.jobs.get('alpha', job.id)).toMatchObject({ status: 'pending', lastError: 'stopped' });
  });

  it('enqueues each schedule period once per project, even with two servers on one database', async () => {
    const file = tempFile();
    const [first, second] = [await openStore(file), await openStore(file)];
    const clock = new Date('2026-03-01T10:00:30Z');
    const runs: string[] = [];
    const runner = (store: Store) =>
      new JobRunner({
        store,
        now: () => clock,
        schedules: [
          { kind: 'sweep', everyMs: 60_000, appliesTo: async (_store, projectId) => projectId === 'alpha' },
          { kind: 'unhandled', everyMs: 60_000 },
        ],
      }).register('sweep', async (job) => {
        runs.push(`${job.projectId}@${(job.payload as { periodStart: number }).periodStart}`);
      });
    const [one, two] = [runner(first), runner(second)];
    await Promise.all([one.tick(), two.tick(), one.tick()]);
    expect(runs).toEqual([`alpha@${Date.parse('2026-03-01T10:00:00Z')}`]);
    clock.setTime(Date.parse('2026-03-01T10:01:10Z'));
    await Promise.all([two.tick(), one.tick()]);
    expect(runs).toHaveLength(2);
    expect(await first.jobs.list('alpha', { kind: 'unhandled' })).toEqual([]);
    expect(await first.jobs.list('beta')).toEqual([]);
  });
});
