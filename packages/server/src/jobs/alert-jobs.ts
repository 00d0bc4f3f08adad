import { deliverAlert } from '../services/alerts/deliver-alert.js';
import { type AlertDeliveryPayload, evaluateAlertRules } from '../services/alerts/evaluate-alert-rules.js';
import type { JobHandler } from './job-runner.js';

/** 'alerts.evaluate', once a minute per project with enabled rules: fires and resolves alerts. */
export const evaluateAlertsJob: JobHandler = async (job, { store }) => {
  await evaluateAlertRules(store, job.projectId);
};

/**
 * 'alerts.deliver': one notification to one webhook. A failed POST throws, so the runner retries it with
 * exponential backoff (retryBaseDelayMs doubling) until the job's attempts run out; each attempt is kept
 * in the alert's delivery history with its status code.
 */
export const deliverAlertJob: JobHandler = async (job, { store, signal }) => {
  await deliverAlert(store, job.projectId, job.payload as AlertDeliveryPayload, {
    id: `${job.id}:${job.attempts}`,
    number: job.attempts,
    signal,
  });
};
