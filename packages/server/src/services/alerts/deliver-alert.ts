import { type AlertNotice, alertMessage } from '@sextant/core';
import type { AlertEventRecord, AlertRuleRecord, Store } from '@sextant/store';
import type { AlertDeliveryPayload } from './evaluate-alert-rules.js';
import { ruleDefinition } from './evaluate-alert-rules.js';
import { postWebhook, type WebhookOutcome } from './post-webhook.js';

/** The notification of an alert event (or a sample for a test). */
export function noticeOf(
  projectId: string,
  rule: AlertRuleRecord,
  event: Pick<AlertEventRecord, 'groupKey' | 'value' | 'firedAt' | 'resolvedAt'>,
  kind: AlertNotice['kind'],
): AlertNotice {
  const definition = ruleDefinition(rule);
  return {
    kind,
    projectId,
    ruleName: rule.name,
    condition: definition.condition,
    comparator: definition.comparator,
    threshold: definition.threshold,
    windowMinutes: definition.windowMinutes,
    group: event.groupKey,
    value: event.value,
    firedAt: event.firedAt,
    resolvedAt: event.resolvedAt,
  };
}

/**
 * Sends one notification and records the attempt. Resolves when delivered (or when there is nothing left
 * to deliver: the rule or alert was deleted); throws when the webhook failed, so the job runner retries
 * with exponential backoff.
 */
export async function deliverAlert(
  store: Store,
  projectId: string,
  payload: AlertDeliveryPayload,
  attempt: { id: string; number: number; signal?: AbortSignal },
): Promise<WebhookOutcome | null> {
  const [rule, event] = await Promise.all([
    store.alerts.getRule(projectId, payload.ruleId),
    store.alerts.getEvent(projectId, payload.eventId),
  ]);
  if (!rule || !event) return null;
  const outcome = await postWebhook(
    payload.url,
    alertMessage(noticeOf(projectId, rule, event, payload.kind)),
    {
      signal: attempt.signal,
    },
  );
  await store.alerts.addDelivery(projectId, {
    id: attempt.id,
    ruleId: rule.id,
    eventId: event.id,
    kind: payload.kind,
    url: payload.url,
    attempt: attempt.number,
    status: outcome.ok ? 'delivered' : 'failed',
    statusCode: outcome.statusCode,
    error: outcome.error,
    createdAt: new Date(),
  });
  if (!outcome.ok) throw new Error(`webhook ${payload.url}: ${outcome.error}`);
  return outcome;
}
