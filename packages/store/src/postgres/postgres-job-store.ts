import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ClaimJobsInput, EnqueueJobInput, JobRecord, JobStore } from '../job-store.js';
import { type JobRow, toJob } from '../rows/job-rows.js';
import { inTransaction, type Queryable } from './postgres-database.js';

/**
 * Jobs on PostgreSQL. A claim selects due rows `FOR UPDATE SKIP LOCKED` and leases them in the same
 * statement, so servers claiming at the same moment each get different jobs and none waits on another.
 */
export function createPostgresJobStore(pool: pg.Pool): JobStore {
  const activeByKey = async (client: Queryable, projectId: string, key: string) =>
    (
      await client.query<JobRow>(
        `SELECT * FROM jobs WHERE project_id = $1 AND dedupe_key = $2 AND status IN ('pending', 'running')`,
        [projectId, key],
      )
    ).rows[0];

  /** Inserts unless the dedupe key is taken; the partial unique index settles races between servers. */
  const insertJob = async (client: Queryable, input: EnqueueJobInput): Promise<JobRow | undefined> => {
    const now = Date.now();
    const { rows } = await client.query<JobRow>(
      `INSERT INTO jobs (id, project_id, kind, payload, status, dedupe_key, attempts, max_attempts, run_at, created_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, 0, $6, $7, $8)
       ON CONFLICT (project_id, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('pending', 'running')
       DO NOTHING RETURNING *`,
      [
        randomUUID(),
        input.projectId,
        input.kind,
        JSON.stringify(input.payload ?? null),
        input.dedupeKey ?? null,
        input.maxAttempts ?? 5,
        input.runAt?.getTime() ?? now,
        now,
      ],
    );
    return rows[0];
  };

  const enqueueIn = async (client: Queryable, input: EnqueueJobInput): Promise<JobRecord> => {
    for (;;) {
      const inserted = await insertJob(client, input);
      if (inserted) return toJob(inserted);
      const existing = await activeByKey(client, input.projectId, input.dedupeKey as string);
      if (existing) return toJob(existing);
      // The holder finished between our insert and our read: try again.
    }
  };

  return {
    enqueue: (input) => enqueueIn(pool, input),

    enqueueForPeriod: (input) =>
      inTransaction(pool, async (client) => {
        const claimed = await client.query(
          `INSERT INTO job_schedule_periods (project_id, kind, period_start, job_id) VALUES ($1, $2, $3, '')
           ON CONFLICT DO NOTHING`,
          [input.projectId, input.kind, input.periodStart.getTime()],
        );
        if (claimed.rowCount === 0) return null;
        const job = await enqueueIn(client, input);
        await client.query(
          'UPDATE job_schedule_periods SET job_id = $1 WHERE project_id = $2 AND kind = $3 AND period_start = $4',
          [job.id, input.projectId, input.kind, input.periodStart.getTime()],
        );
        return job;
      }),

    async claim(input: ClaimJobsInput) {
      if (input.kinds?.length === 0) return [];
      const now = (input.now ?? new Date()).getTime();
      const kinds = input.kinds ? [...input.kinds] : null;
      // A running job past its lease whose attempts are used up is not retried forever: its worker keeps dying.
      await pool.query(
        `UPDATE jobs SET status = 'dead', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL,
           last_error = coalesce(last_error, 'worker lost its lease on every attempt (crashed or stalled)')
         WHERE status = 'running' AND lease_expires_at <= $1 AND attempts >= max_attempts`,
        [now],
      );
      const { rows } = await pool.query<JobRow>(
        `WITH due AS (
           SELECT id FROM jobs
           WHERE ((status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_expires_at <= $1))
             AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
           ORDER BY run_at, created_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
         UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = $4, lease_expires_at = $5
         FROM due WHERE jobs.id = due.id
         RETURNING jobs.*`,
        [now, kinds, input.limit, input.workerId, now + input.leaseMs],
      );
      return rows.sort((a, b) => a.run_at - b.run_at || a.created_at - b.created_at).map(toJob);
    },

    async extendLease(jobId, workerId, leaseMs) {
      const result = await pool.query(
        `UPDATE jobs SET lease_expires_at = $1 WHERE id = $2 AND status = 'running' AND lease_owner = $3`,
        [Date.now() + leaseMs, jobId, workerId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async complete(jobId, workerId) {
      const result = await pool.query(
        `UPDATE jobs SET status = 'succeeded', finished_at = $1, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $2 AND status = 'running' AND lease_owner = $3`,
        [Date.now(), jobId, workerId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async fail(jobId, workerId, error, retryAt) {
      // One conditional update: only the lease holder's failure counts.
      const { rows } = await pool.query<JobRow>(
        `UPDATE jobs SET
           status = CASE WHEN $4::bigint IS NOT NULL AND attempts < max_attempts THEN 'pending' ELSE 'dead' END,
           run_at = CASE WHEN $4::bigint IS NOT NULL AND attempts < max_attempts THEN $4::bigint ELSE run_at END,
           finished_at = CASE WHEN $4::bigint IS NOT NULL AND attempts < max_attempts THEN NULL ELSE $5::bigint END,
           last_error = $3, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = $1 AND status = 'running' AND lease_owner = $2
         RETURNING *`,
        [jobId, workerId, error, retryAt?.getTime() ?? null, Date.now()],
      );
      return rows[0] ? toJob(rows[0]) : null;
    },

    async get(projectId, jobId) {
      const { rows } = await pool.query<JobRow>('SELECT * FROM jobs WHERE id = $1 AND project_id = $2', [
        jobId,
        projectId,
      ]);
      return rows[0] ? toJob(rows[0]) : null;
    },

    async list(projectId, query = {}) {
      const { rows } = await pool.query<JobRow>(
        `SELECT * FROM jobs WHERE project_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR status = $3)
         ORDER BY created_at DESC, id LIMIT $4`,
        [projectId, query.kind ?? null, query.status ?? null, query.limit ?? 50],
      );
      return rows.map(toJob);
    },

    deleteFinished: (projectId, before, limit) =>
      inTransaction(pool, async (client) => {
        const cutoff = before.getTime();
        const result = await client.query(
          `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE project_id = $1
             AND status IN ('succeeded', 'dead') AND finished_at < $2 LIMIT $3)`,
          [projectId, cutoff, limit],
        );
        await client.query(
          `DELETE FROM job_schedule_periods WHERE ctid IN (SELECT ctid FROM job_schedule_periods
             WHERE project_id = $1 AND period_start < $2 LIMIT $3)`,
          [projectId, cutoff, limit],
        );
        return result.rowCount ?? 0;
      }),
  };
}
