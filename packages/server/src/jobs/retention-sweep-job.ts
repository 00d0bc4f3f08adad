import type { Store } from '@sextant/store';
import { AuditLog } from '../services/audit-log.js';
import type { JobHandler } from './job-runner.js';

const day = 86_400_000;

export interface RetentionSweepOptions {
  /** Rows per transaction. Small, so each batch holds the write lock for milliseconds. Default 200. */
  batchSize?: number;
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
  const limit = options.batchSize ?? 200;
  for (;;) {
    if (signal.aborted) return result;
    const batch = await store.retention.deleteTracesBefore(projectId, cutoff, limit);
    result.traces += batch.traces;
    result.spans += batch.spans;
    if (batch.traces < limit) break;
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
