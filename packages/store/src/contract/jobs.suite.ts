import { expect } from 'vitest';
import type { Store } from '../store.js';

type ContractTest = (name: string, body: () => Promise<void>) => void;

const later = (ms: number) => new Date(Date.now() + ms);

/** Cases for `Store.jobs`, registered inside `runStoreContract` so every adapter runs them. */
export function registerJobCases(test: ContractTest, store: () => Store) {
  const jobs = () => store().jobs;

  test('jobs: enqueue, claim, complete; a claimed job is not handed out twice', async () => {
    const job = await jobs().enqueue({ projectId: 'alpha', kind: 'demo', payload: { n: 1 } });
    expect(job).toMatchObject({ status: 'pending', attempts: 0, payload: { n: 1 }, maxAttempts: 5 });
    const [claimed] = await jobs().claim({ workerId: 'w1', leaseMs: 60_000, limit: 10 });
    expect(claimed).toMatchObject({ id: job.id, status: 'running', attempts: 1, leaseOwner: 'w1' });
    expect(await jobs().claim({ workerId: 'w2', leaseMs: 60_000, limit: 10 })).toEqual([]);
    expect(await jobs().complete(job.id, 'w1')).toBe(true);
    const done = await jobs().get('alpha', job.id);
    expect(done).toMatchObject({ status: 'succeeded', leaseOwner: null });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(await jobs().get('beta', job.id)).toBeNull();
  });

  test('jobs: claims only due jobs of the given kinds, oldest first, up to the limit', async () => {
    const first = await jobs().enqueue({ projectId: 'alpha', kind: 'a', runAt: new Date(Date.now() - 2000) });
    const second = await jobs().enqueue({ projectId: 'beta', kind: 'a', runAt: new Date(Date.now() - 1000) });
    await jobs().enqueue({ projectId: 'alpha', kind: 'b' });
    await jobs().enqueue({ projectId: 'alpha', kind: 'a', runAt: later(60_000) });
    const claimed = await jobs().claim({ workerId: 'w', kinds: ['a'], leaseMs: 1000, limit: 5 });
    expect(claimed.map((job) => job.id)).toEqual([first.id, second.id]);
    expect(await jobs().claim({ workerId: 'w', kinds: [], leaseMs: 1000, limit: 5 })).toEqual([]);
    const [other] = await jobs().claim({ workerId: 'w', kinds: ['b'], leaseMs: 1000, limit: 1 });
    expect(other?.kind).toBe('b');
  });

  test('jobs: a dedupe key holds at most one pending or running job, and frees up when it finishes', async () => {
    const one = await jobs().enqueue({ projectId: 'alpha', kind: 'k', dedupeKey: 'rule-1' });
    const again = await jobs().enqueue({ projectId: 'alpha', kind: 'k', dedupeKey: 'rule-1' });
    expect(again.id).toBe(one.id);
    const otherProject = await jobs().enqueue({ projectId: 'beta', kind: 'k', dedupeKey: 'rule-1' });
    expect(otherProject.id).not.toBe(one.id);
    await jobs().claim({ workerId: 'w', leaseMs: 60_000, limit: 1 });
    expect((await jobs().enqueue({ projectId: 'alpha', kind: 'k', dedupeKey: 'rule-1' })).id).toBe(one.id);
    await jobs().complete(one.id, 'w');
    const next = await jobs().enqueue({ projectId: 'alpha', kind: 'k', dedupeKey: 'rule-1' });
    expect(next.id).not.toBe(one.id);
    expect(next.status).toBe('pending');
  });

  test('jobs: an expired lease makes the job claimable again, and the stale worker cannot finish it', async () => {
    const job = await jobs().enqueue({ projectId: 'alpha', kind: 'k' });
    await jobs().claim({ workerId: 'crashed', leaseMs: 1000, limit: 1 });
    expect(await jobs().claim({ workerId: 'fresh', leaseMs: 1000, limit: 1 })).toEqual([]);
    const [reclaimed] = await jobs().claim({
      workerId: 'fresh',
      leaseMs: 60_000,
      limit: 1,
      now: later(5000),
    });
    expect(reclaimed).toMatchObject({ id: job.id, attempts: 2, leaseOwner: 'fresh' });
    expect(await jobs().complete(job.id, 'crashed')).toBe(false);
    expect(await jobs().fail(job.id, 'crashed', 'late', later(0))).toBeNull();
    expect(await jobs().extendLease(job.id, 'crashed', 1000)).toBe(false);
    expect(await jobs().extendLease(job.id, 'fresh', 60_000)).toBe(true);
    expect(await jobs().complete(job.id, 'fresh')).toBe(true);
    expect((await jobs().get('alpha', job.id))?.status).toBe('succeeded');
  });

  test('jobs: failures retry at the given time until attempts run out, then the job is dead with its error', async () => {
    const job = await jobs().enqueue({ projectId: 'alpha', kind: 'k', maxAttempts: 2 });
    await jobs().claim({ workerId: 'w', leaseMs: 60_000, limit: 1 });
    const retried = await jobs().fail(job.id, 'w', 'timeout #1', later(10_000));
    expect(retried).toMatchObject({ status: 'pending', lastError: 'timeout #1', leaseOwner: null });
    expect(await jobs().claim({ workerId: 'w', leaseMs: 60_000, limit: 1 })).toEqual([]);
    const [second] = await jobs().claim({ workerId: 'w', leaseMs: 60_000, limit: 1, now: later(20_000) });
    expect(second?.attempts).toBe(2);
    const dead = await jobs().fail(job.id, 'w', 'timeout #2', later(10_000));
    expect(dead).toMatchObject({ status: 'dead', lastError: 'timeout #2', attempts: 2 });
    expect(await jobs().claim({ workerId: 'w', leaseMs: 1, limit: 1, now: later(3_600_000) })).toEqual([]);
    expect((await jobs().list('alpha', { status: 'dead' })).map((row) => row.id)).toEqual([job.id]);
  });

  test('jobs: a job whose worker keeps dying is buried once its attempts are used up', async () => {
    const job = await jobs().enqueue({ projectId: 'alpha', kind: 'k', maxAttempts: 1 });
    await jobs().claim({ workerId: 'w', leaseMs: 1000, limit: 1 });
    expect(await jobs().claim({ workerId: 'w2', leaseMs: 1000, limit: 1, now: later(5000) })).toEqual([]);
    const dead = await jobs().get('alpha', job.id);
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toMatch(/lost its lease/);
  });

  test('jobs: a schedule period is enqueued once, however many servers try', async () => {
    const periodStart = new Date('2026-01-01T10:00:00Z');
    const attempts = await Promise.all(
      [1, 2, 3].map(() => jobs().enqueueForPeriod({ projectId: 'alpha', kind: 'sweep', periodStart })),
    );
    expect(attempts.filter((job) => job !== null)).toHaveLength(1);
    const [job] = await jobs().claim({ workerId: 'w', leaseMs: 1000, limit: 1 });
    await jobs().complete(job!.id, 'w');
    expect(await jobs().enqueueForPeriod({ projectId: 'alpha', kind: 'sweep', periodStart })).toBeNull();
    const next = new Date('2026-01-01T11:00:00Z');
    expect(
      await jobs().enqueueForPeriod({ projectId: 'alpha', kind: 'sweep', periodStart: next }),
    ).not.toBeNull();
    expect(await jobs().enqueueForPeriod({ projectId: 'beta', kind: 'sweep', periodStart })).not.toBeNull();
  });

  test('jobs: lists per project and deletes only finished jobs older than the cutoff', async () => {
    const finished = await jobs().enqueue({ projectId: 'alpha', kind: 'k' });
    const waiting = await jobs().enqueue({ projectId: 'alpha', kind: 'k', runAt: later(60_000) });
    await jobs().enqueue({ projectId: 'beta', kind: 'k', runAt: later(60_000) });
    await jobs().claim({ workerId: 'w', leaseMs: 1000, limit: 1 });
    await jobs().complete(finished.id, 'w');
    expect((await jobs().list('alpha')).map((job) => job.id).sort()).toEqual(
      [finished.id, waiting.id].sort(),
    );
    expect(await jobs().deleteFinished('alpha', new Date(Date.now() - 60_000), 100)).toBe(0);
    expect(await jobs().deleteFinished('beta', later(60_000), 100)).toBe(0);
    expect(await jobs().deleteFinished('alpha', later(60_000), 100)).toBe(1);
    expect((await jobs().list('alpha')).map((job) => job.id)).toEqual([waiting.id]);
  });
}
