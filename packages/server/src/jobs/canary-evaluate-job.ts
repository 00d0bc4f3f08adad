import { CanaryService } from '../services/canary-service.js';
import { GateService } from '../services/gate-service.js';
import { PromptService } from '../services/prompt-service.js';
import { ReleaseService } from '../services/release-service.js';
import type { JobHandler } from './job-runner.js';

/**
 * 'canary.evaluate': one look of the sequential test at each running canary of the job's project. Idempotent
 * enough to run twice: a second look records one more 'continue' or finds the canary already ended.
 */
export const evaluateCanariesJob: JobHandler = async (job, { store }) => {
  // Release labels move through the release service, so their gates and audit apply as for a move by hand.
  const releases = new ReleaseService(store, new PromptService(store), new GateService(store));
  await new CanaryService(store, undefined, releases).evaluateAll(job.projectId);
};
