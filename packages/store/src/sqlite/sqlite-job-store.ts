import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ClaimJobsInput, EnqueueJobInput, JobListQuery, JobRecord, JobStore } from '../job-store.js';
import { type JobRow, toJob } from '../rows/job-rows.js';

/** Jobs on SQLite: every state change is one short IMMEDIATE transaction, so claims never race. */
export function createSqliteJobStore(db: Database.Database): JobStore {
  const byId = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const activeByKey = db.prepare(
    `SELECT * FROM jobs WHERE project_id = ? AND dedupe_key = ? AND status IN ('pending', 'running')`,
  );
  const insert = db.prepare(
    `INSERT INTO jobs (id, project_id, kind, payload, status, dedupe_key, attempts, max_attempts, run_at,
       lease_owner, lease_expires_at, last_error, created_at, finished_at)
     VALUES (@id, @project_id, @kind, @payload, 'pending', @dedupe_key, 0, @max_attempts, @run_at,
       NULL, NULL, NULL, @created_at, NULL)`,
  );
  const insertPeriod = db.prepare(
    `INSERT INTO job_schedule_periods (project_id, kind, period_start, job_id) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  // A running job past its lease whose attempts are used up is not retried forever: its worker keeps dying.
  const buryExhausted = db.prepare(
    `UPDATE jobs SET status = 'dead', finished_at = @now, lease_owner = NULL, lease_expires_at = NULL,
       last_error = coalesce(last_error, 'worker lost its lease on every attempt (crashed or stalled)')
     WHERE status = 'running' AND lease_expires_at <= @now AND attempts >= max_attempts`,
  );
  const anyDue = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM jobs WHERE status = 'pending' AND run_at <= @now)
       OR EXISTS (SELECT 1 FROM jobs WHERE status = 'running' AND lease_expires_at <= @now) AS due`,
    )
    .pluck();
  const leaseOne = db.prepare(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @worker,
       lease_expires_at = @expires WHERE id = @id`,
  );

  const enqueueNow = (input: EnqueueJobInput): JobRecord => {
    if (input.dedupeKey !== undefined) {
      const existing = activeByKey.get(input.projectId, input.dedupeKey) as JobRow | undefined;
      if (existing) return toJob(existing);
    }
    const now = Date.now();
    const id = randomUUID();
    insert.run({
      id,
      project_id: input.projectId,
      kind: input.kind,
      payload: JSON.stringify(input.payload ?? null),
      dedupe_key: input.dedupeKey ?? null,
      max_attempts: input.maxAttempts ?? 5,
      run_at: input.runAt?.getTime() ?? now,
      created_at: now,
    });
    return toJob(byId.get(id) as JobRow);
  };

  const enqueue = db.transaction(enqueueNow);
  const enqueueForPeriod = db.transaction((input: EnqueueJobInput & { periodStart: Date }) => {
    const placeholder = randomUUID();
    const claimed = insertPeriod.run(input.projectId, input.kind, input.periodStart.getTime(), placeholder);
    if (claimed.changes === 0) return null;
    const job = enqueueNow(input);
    db.prepare(
      'UPDATE job_schedule_periods SET job_id = ? WHERE project_id = ? AND kind = ? AND period_start = ?',
    ).run(job.id, input.projectId, input.kind, input.periodStart.getTime());
    return job;
  });

  const claim = db.transaction((input: ClaimJobsInput) => {
    const now = (input.now ?? new Date()).getTime();
    buryExhausted.run({ now });
    const kinds = input.kinds ? [...input.kinds] : null;
    const kindFilter = kinds ? `AND kind IN (${kinds.map(() => '?').join(', ')})` : '';
    // Two index ranges (due pending, expired running) instead of one OR that would scan the table.
    const rows = db
      .prepare(
        `SELECT * FROM (
           SELECT * FROM jobs WHERE status = 'pending' AND run_at <= ? ${kindFilter}
           UNION ALL
           SELECT * FROM jobs WHERE status = 'running' AND lease_expires_at <= ? ${kindFilter}
         ) ORDER BY run_at, created_at LIMIT ?`,
      )
      .all(now, ...(kinds ?? []), now, ...(kinds ?? []), input.limit) as JobRow[];
    return rows.map((row) => {
      leaseOne.run({ id: row.id, worker: input.workerId, expires: now + input.leaseMs });
      return toJob(byId.get(row.id) as JobRow);
    });
  });

  const fail = db.transaction((jobId: string, workerId: string, error: string, retryAt?: Date) => {
    const row = byId.get(jobId) as JobRow | undefined;
    if (row?.status !== 'running' || row.lease_owner !== workerId) return null;
    const retry = retryAt !== undefined && row.attempts < row.max_attempts;
    db.prepare(
      `UPDATE jobs SET status = ?, run_at = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL,
         finished_at = ? WHERE id = ?`,
    ).run(
      retry ? 'pending' : 'dead',
      retry ? retryAt.getTime() : row.run_at,
      error,
      retry ? null : Date.now(),
      jobId,
    );
    return toJob(byId.get(jobId) as JobRow);
  });

  return {
    async enqueue(input) {
      return enqueue.immediate(input);
    },
    async enqueueForPeriod(input) {
      return enqueueForPeriod.immediate(input);
    },
    async claim(input) {
      if (input.kinds?.length === 0) return [];
      // Idle polls (the common case) read two small indexes and never take the write lock from ingestion.
      if (!anyDue.get({ now: (input.now ?? new Date()).getTime() })) return [];
      return claim.immediate(input);
    },
    async extendLease(jobId, workerId, leaseMs) {
      const result = db
        .prepare(
          `UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ?`,
        )
        .run(Date.now() + leaseMs, jobId, workerId);
      return result.changes > 0;
    },
    async complete(jobId, workerId) {
      const result = db
        .prepare(
          `UPDATE jobs SET status = 'succeeded', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
           WHERE id = ? AND status = 'running' AND lease_owner = ?`,
        )
        .run(Date.now(), jobId, workerId);
      return result.changes > 0;
    },
    async fail(jobId, workerId, error, retryAt) {
      return fail.immediate(jobId, workerId, error, retryAt);
    },
    async get(projectId, jobId) {
      const row = byId.get(jobId) as JobRow | undefined;
      return row && row.project_id === projectId ? toJob(row) : null;
    },
    async list(projectId, query: JobListQuery = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM jobs WHERE project_id = ? AND (? IS NULL OR kind = ?) AND (? IS NULL OR status = ?)
           ORDER BY created_at DESC, id LIMIT ?`,
        )
        .all(
          projectId,
          query.kind ?? null,
          query.kind ?? null,
          query.status ?? null,
          query.status ?? null,
          query.limit ?? 50,
        ) as JobRow[];
      return rows.map(toJob);
    },
    async deleteFinished(projectId, before, limit) {
      const cutoff = before.getTime();
      return db
        .transaction(() => {
          const result = db
            .prepare(
              `DELETE FROM jobs WHERE rowid IN (SELECT rowid FROM jobs WHERE project_id = ?
               AND status IN ('succeeded', 'dead') AND finished_at < ? LIMIT ?)`,
            )
            .run(projectId, cutoff, limit);
          db.prepare(
            `DELETE FROM job_schedule_periods WHERE rowid IN (SELECT rowid FROM job_schedule_periods
             WHERE project_id = ? AND period_start < ? LIMIT ?)`,
          ).run(projectId, cutoff, limit);
          return result.changes;
        })
        .immediate();
    },
  };
}
