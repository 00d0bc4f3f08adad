import type { Store } from '@sextant/store';
import type { ProjectModelAccess } from '../judges/project-judge-models.js';
import { recalibrateJudgesJob } from '../reviews/judge-recalibration-job.js';
import { createDriftCheckJob } from '../services/drift/drift-check-job.js';
import type { DriftServiceOptions } from '../services/drift/drift-service.js';
import { onlineEvaluatorFactory } from '../services/online-eval-service.js';
import { deliverAlertJob, evaluateAlertsJob } from './alert-jobs.js';
import { evaluateCanariesJob } from './canary-evaluate-job.js';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';
import { createOnlineEvalJob } from './online-eval-job.js';
import { runRetentionSweep } from './retention-sweep-job.js';
import { schedules } from './schedules.js';

/**
 * The server's runner with every built-in job kind registered and the schedules of schedules.ts.
 * Each job kind's owner adds its `runner.register(...)` line here.
 */
export function createJobRunner(
  options: JobRunnerOptions & {
    store: Store;
    /** The server's models, for online rules with model-based evaluators; without it they are refused. */
    models?: ProjectModelAccess;
    /** The encoder of scheduled drift checks (the offline one by default). */
    drift?: DriftServiceOptions;
  },
): JobRunner {
  const { models, drift, ...runnerOptions } = options;
  const runner = new JobRunner({ schedules, ...runnerOptions });
  runner.register('drift.check', createDriftCheckJob(drift));
  runner.register(
    'online-eval.run',
    createOnlineEvalJob({ createEvaluator: onlineEvaluatorFactory(models) }),
  );
  runner.register('retention.sweep', runRetentionSweep);
  runner.register('alerts.evaluate', evaluateAlertsJob);
  runner.register('alerts.deliver', deliverAlertJob);
  runner.register('judges.recalibrate', recalibrateJudgesJob);
  runner.register('canary.evaluate', evaluateCanariesJob);
  return runner;
}
