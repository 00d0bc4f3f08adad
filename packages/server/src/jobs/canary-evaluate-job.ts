import { CanaryService } from '../services/canary-service.js';
import type { JobHandler } from './job-runner.js';

/**
 * 'canary.evaluate': one look of the sequential test at each running canary of the job's project. Idempotent
 * enough to run twice: a second look records one more 'continue' or finds the canary already ended.
 */
export const evaluateCanariesJob: JobHandler = async (job, { store }) => {
  await new CanaryService(store).evaluateAll(job.projectId);
};
