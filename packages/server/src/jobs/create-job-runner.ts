import type { Store } from '@sextant/store';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { schedules } from './schedules.js';

/**
 * The server's runner with every built-in job kind registered and the schedules of schedules.ts.
 * Each job kind's owner adds its `runner.register(...)` line here.
 */
export function createJobRunner(options: JobRunnerOptions & { store: Store }): JobRunner {
  const runner = new JobRunner({ schedules, ...options });
  return runner;
}
