import type { Store } from '@sextant/store';
import { judgeRecalibrationSchedule } from '../reviews/judge-recalibration-job.js';
import { DRIFT_SCHEDULE_MS, hasScheduledMonitors } from '../services/drift/drift-check-job.js';
import { hasTracesToScore } from './online-eval-job.js';

/** Recurring work: a job of `kind` enqueued for each project once per `everyMs` period. */
export interface ScheduleEntry {
  kind: string;
  everyMs: number;
  /** Skip projects with nothing to do (no rules, no retention), so idle projects enqueue nothing. */
  appliesTo?: (store: Store, projectId: string) => Promise<boolean>;
}

const minute = 60_000;

/**
 * Every recurring job of the server. A period is enqueued once per project across all server
 * processes sharing the store (store.jobs.enqueueForPeriod), and only when its kind has a handler.
 */
export const schedules: readonly ScheduleEntry[] = [
  // Each monitor then runs at its own interval (scheduleEveryMinutes).
  { kind: 'drift.check', everyMs: DRIFT_SCHEDULE_MS, appliesTo: hasScheduledMonitors },
  // Only when some enabled rule has new traces, so a quiet project leaves no empty job behind.
  { kind: 'online-eval.run', everyMs: minute, appliesTo: hasTracesToScore },
  {
    kind: 'alerts.evaluate',
    everyMs: minute,
    appliesTo: async (store, projectId) =>
      (await store.alerts.listRules(projectId)).some((rule) => rule.enabled),
  },
  {
    kind: 'canary.evaluate',
    everyMs: minute,
    appliesTo: async (store, projectId) =>
      (await store.gates.listCanaries(projectId, { status: 'running' })).length > 0,
  },
  {
    kind: 'retention.sweep',
    everyMs: 60 * minute,
    appliesTo: async (store, projectId) => (await store.retention.get(projectId)).days !== null,
  },
  judgeRecalibrationSchedule,
];
