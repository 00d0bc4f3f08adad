/** Where a job is in its life: waiting (maybe for a retry time), leased to a worker, finished, or given up. */
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'dead';

/** One unit of background work, persisted so it survives the process that enqueued or ran it. */
export interface JobRecord {
  id: string;
  projectId: string;
  /** What runs it, e.g. 'online-eval.run'; the server's JobRunner has one handler per kind. */
  kind: string;
  /** JSON-serialisable input of the handler. */
  payload: unknown;
  status: JobStatus;
  /** While pending or running, no other pending or running job of the project has this key. */
  dedupeKey: string | null;
  /** Claims so far, including ones whose worker died. */
  attempts: number;
  maxAttempts: number;
  /** Not claimable before this time (enqueue time, or the retry time after a failure). */
  runAt: Date;
  /** The worker holding the lease while running; null otherwise. */
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  /** The last failure, kept when the job is dead. */
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface EnqueueJobInput {
  projectId: string;
  kind: string;
  payload?: unknown;
  /** Default now. */
  runAt?: Date;
  /** At most one pending or running job per (project, key): enqueueing again returns that job. */
  dedupeKey?: string;
  /** Default 5. */
  maxAttempts?: number;
}

export interface ClaimJobsInput {
  /** Unique per process (and per runner): the only one allowed to complete what it claims. */
  workerId: string;
  /** Only these kinds (the ones this worker has handlers for). Default: any. */
  kinds?: readonly string[];
  /** How long the claim holds; a job whose lease ran out is claimable again (its worker is presumed dead). */
  leaseMs: number;
  limit: number;
  /** The clock, for tests. Default now. */
  now?: Date;
}

export interface JobListQuery {
  kind?: string;
  status?: JobStatus;
  /** Default 50, newest first. */
  limit?: number;
}

/**
 * A durable job queue: at-least-once delivery with leases, so handlers must be idempotent.
 * @example const [job] = await store.jobs.claim({ workerId, leaseMs: 30_000, limit: 1 });
 */
export interface JobStore {
  enqueue(input: EnqueueJobInput): Promise<JobRecord>;
  /**
   * Enqueues the job of one schedule period at most once, across every process sharing the store:
   * returns null when this (project, kind, period) was already scheduled by anyone.
   */
  enqueueForPeriod(input: EnqueueJobInput & { periodStart: Date }): Promise<JobRecord | null>;
  /** Atomically leases up to `limit` due jobs (pending ones, and running ones whose lease expired), oldest first. */
  claim(input: ClaimJobsInput): Promise<JobRecord[]>;
  /** Extends a lease the worker still holds; false when it lost it. */
  extendLease(jobId: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Marks the job succeeded; false (and no change) when the worker no longer holds it. */
  complete(jobId: string, workerId: string): Promise<boolean>;
  /**
   * Records a failure: pending again at `retryAt` while attempts remain, else dead with the error kept.
   * Without `retryAt` the job is dead at once. Returns null when the worker no longer holds it.
   */
  fail(jobId: string, workerId: string, error: string, retryAt?: Date): Promise<JobRecord | null>;
  get(projectId: string, jobId: string): Promise<JobRecord | null>;
  list(projectId: string, query?: JobListQuery): Promise<JobRecord[]>;
  /** Deletes up to `limit` succeeded or dead jobs that finished before `before`; returns how many. */
  deleteFinished(projectId: string, before: Date, limit: number): Promise<number>;
}
