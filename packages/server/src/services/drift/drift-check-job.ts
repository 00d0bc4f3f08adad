import type { DriftMonitor } from '@sextant/core/drift';
import type { Store } from '@sextant/store';
import type { JobHandler } from '../../jobs/job-runner.js';
import { DriftService, type DriftServiceOptions } from './drift-service.js';

/** How often the schedule looks for due monitors; each monitor then runs at its own interval. */
export const DRIFT_SCHEDULE_MS = 5 * 60_000;

type DriftJobPayload = { periodStart: number } | { monitorId: string; windowEnd: number };

/**
 * 'drift.check' jobs. The per-project schedule enqueues one job per monitor whose interval starts in
 * this period; that job checks the window ending at the interval start, under a report id derived
 * from monitor and window, so a job run twice (after a crash) rewrites the same report.
 */
export function createDriftCheckJob(options: DriftServiceOptions = {}): JobHandler {
  return async (job, { store, signal }) => {
    const payload = job.payload as DriftJobPayload;
    if ('periodStart' in payload) {
      await enqueueDueMonitors(store, job.projectId, payload.periodStart);
      return;
    }
    const service = new DriftService(store, options);
    await service.runCheck(job.projectId, payload.monitorId, {
      reportId: `${payload.monitorId}-${payload.windowEnd}`,
      now: new Date(payload.windowEnd),
      signal,
    });
  };
}

async function enqueueDueMonitors(store: Store, projectId: string, periodStart: number): Promise<void> {
  for (const monitor of await store.drift.listMonitors(projectId)) {
    const windowEnd = dueWindowEnd(monitor, periodStart);
    if (windowEnd === null) continue;
    await store.jobs.enqueue({
      projectId,
      kind: 'drift.check',
      payload: { monitorId: monitor.id, windowEnd },
      runAt: new Date(windowEnd),
      dedupeKey: `drift.check:${monitor.id}:${windowEnd}`,
    });
  }
}

/** The start of the monitor's interval if it falls in [periodStart, periodStart + schedule period). */
export function dueWindowEnd(monitor: DriftMonitor, periodStart: number): number | null {
  if (!monitor.scheduleEveryMinutes) return null;
  const every = monitor.scheduleEveryMinutes * 60_000;
  const intervalStart = Math.ceil(periodStart / every) * every;
  return intervalStart < periodStart + DRIFT_SCHEDULE_MS ? intervalStart : null;
}

/** The schedule applies to projects with at least one scheduled monitor. */
export async function hasScheduledMonitors(store: Store, projectId: string): Promise<boolean> {
  return (await store.drift.listMonitors(projectId)).some((monitor) => monitor.scheduleEveryMinutes);
}
