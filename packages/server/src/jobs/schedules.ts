import type { Store } from '@sextant/store';

/** Recurring work: a job of `kind` enqueued for each project once per `everyMs` period. */
export interface ScheduleEntry {
  kind: string;
  everyMs: number;
  /** Skip projects with nothing to do (no rules, no retention), so idle projects enqueue nothing. */
  appliesTo?: (store: Store, projectId: string) => Promise<boolean>;
}

/**
 * Every recurring job of the server. A period is enqueued once per project across all server
 * processes sharing the store (store.jobs.enqueueForPeriod), and only when its kind has a handler.
 */
export const schedules: readonly ScheduleEntry[] = [];
