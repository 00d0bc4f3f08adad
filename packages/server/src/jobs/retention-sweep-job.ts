import type { Store } from '@sextant/store';
import { AuditLog } from '../services/audit-log.js';
import type { JobHandler } from './job-runner.js';

const day = 86_400_000;

export interface RetentionSweepOptions {
  /**
   * Rows of the first transaction (default 100). Trace batches then grow or shrink so each holds the
   * write lock for about `targetBatchMs` (default 15 ms): deleting a trace costs more when it has many spans.
   */
  batchSize?: number;
  targetBatchMs?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/** What one sweep removed. */
export interface RetentionSweepResult {
  cutoff: Date | null;
  traces: number;
  spans: number;
  scores: number;
  jobs: number;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Halves a batch that took over twice the target, doubles one under half of it; 10 to 500 rows. */
export function nextLimit(limit: number, tookMs: number, targetMs: number): number {
  if (tookMs > 2 * targetMs) return Math.max(10, Math.floor(limit / 2));
  if (tookMs < targetMs / 2) return Math.min(500, limit * 2);
  return limit;
}

/**
 * Deletes the project's traces (with spans), scores and finished jobs older than its retention, batch
 * by batch: each batch is its own short transaction, and the sweep yields between batches so ingestion
 * and requests interleave with it. Stops early, safely, when `signal` fires.
 */
export async function sweepRetention(
  store: Store,
  projectId: string,
  signal: AbortSignal,
  options: RetentionSweepOptions = {},
): Promise<RetentionSweepResult> {
  const { days } = await store.retention.get(projectId);
  const result: RetentionSweepResult = { cutoff: null, traces: 0, spans: 0, scores: 0, jobs: 0 };
  if (days === null) return result;
  const cutoff = new Date((options.now?.() ?? new Date()).getTime() - days * day);
  result.cutoff = cutoff;
  const limit = options.batchSize ?? 100;
  const target = options.targetBatchMs ?? 15;
  let traceLimit = limit;
  for (;;) {
    if (signal.aborted) return result;
    const started = performance.now();
    const batch = await store.retention.deleteTracesBefore(projectId, cutoff, traceLimit);
    result.traces += batch.traces;
    result.spans += batch.spans;
    if (batch.traces < traceLimit) break;
    traceLimit = nextLimit(traceLimit, performance.now() - started, target);
    await nextTurn();
  }
  for (;;) {
    if (signal.aborted) return result;
    const deleted = await store.retention.deleteScoresBefore(projectId, cutoff, limit);
    result.scores += deleted;
    if (deleted < limit) break;
    await nextTurn();
  }
  for (;;) {
    if (signal.aborted) return result;
    const deleted = await store.jobs.deleteFinished(projectId, cutoff, limit);
    result.jobs += deleted;
    if (deleted < limit) break;
    await nextTurn();
  }
  return result;
}

/**
 * 'retention.sweep': one project's sweep, recorded in the audit log (as 'system') when it deleted
 * anything; re-running it after a crash deletes what is left.
 */
export const runRetentionSweep: JobHandler = async (job, { store, signal }) => {
  const { cutoff, ...deleted } = await sweepRetention(store, job.projectId, signal);
  if (Object.values(deleted).every((count) => count === 0)) return;
  await new AuditLog(store).record(job.projectId, 'system', {
    action: 'retention.sweep',
    targetType: 'retention',
    targetId: job.projectId,
    after: { cutoff, deleted },
  });
};
