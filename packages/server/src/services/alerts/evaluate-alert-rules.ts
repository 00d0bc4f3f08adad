import { randomUUID } from 'node:crypto';
import {
  type AlertObservation,
  type AlertRuleDefinition,
  alertRuleInputSchema,
  describeAlertMetric,
  describeAlertValue,
  planAlertTransitions,
} from '@sextant/core';
import type { AlertRuleRecord, Store } from '@sextant/store';
import { observeAlertRule } from './observe-alert-rule.js';

/** The payload of an 'alerts.deliver' job: one notification to one webhook. */
export interface AlertDeliveryPayload {
  ruleId: string;
  eventId: string;
  kind: 'fired' | 'resolved';
  url: string;
}

export interface AlertEvaluation {
  rules: number;
  fired: number;
  resolved: number;
  stillFiring: number;
  coolingDown: number;
}

/** A rule's stored definition, parsed (defaults of newer versions filled in). */
export function ruleDefinition(rule: AlertRuleRecord): AlertRuleDefinition {
  return alertRuleInputSchema.parse({
    ...(rule.definition as object),
    name: rule.name,
    enabled: rule.enabled,
  });
}

/**
 * Evaluates every enabled rule of a project at `now`: opens alerts for breaching groups (one per rule
 * and group, none during a cooldown), resolves the ones that recovered, and enqueues an 'alerts.deliver'
 * job per webhook for each change. Safe to run again after a crash: an open alert is never opened twice.
 */
export async function evaluateAlertRules(
  store: Store,
  projectId: string,
  now = new Date(),
): Promise<AlertEvaluation> {
  const summary: AlertEvaluation = { rules: 0, fired: 0, resolved: 0, stillFiring: 0, coolingDown: 0 };
  const failures: string[] = [];
  for (const record of await store.alerts.listRules(projectId)) {
    if (!record.enabled) continue;
    summary.rules += 1;
    try {
      await evaluateRule(store, projectId, record, now, summary);
    } catch (error) {
      // One broken rule must not silence the others; the job fails afterwards and is retried.
      failures.push(`rule '${record.name}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`alert evaluation failed for ${failures.join('; ')}`);
  return summary;
}

async function evaluateRule(
  store: Store,
  projectId: string,
  record: AlertRuleRecord,
  now: Date,
  summary: AlertEvaluation,
): Promise<void> {
  const rule = ruleDefinition(record);
  const observations = await observeAlertRule(store, projectId, rule, now);
  const open = await store.alerts.listEvents(projectId, { ruleId: record.id, status: 'open', limit: 1000 });
  const plan = planAlertTransitions({
    rule,
    observations,
    open: open.map((event) => ({ id: event.id, group: event.groupKey })),
    lastResolvedAt: await store.alerts.lastResolved(projectId, record.id),
    now,
  });
  for (const observation of plan.fire) {
    const event = await store.alerts.openEvent(projectId, {
      id: randomUUID(),
      ruleId: record.id,
      groupKey: observation.group,
      value: observation.value,
      threshold: rule.threshold,
      summary: summarize(rule, observation),
      firedAt: now,
      lastEvaluatedAt: now,
    });
    if (!event) continue; // another server process opened it first
    summary.fired += 1;
    await enqueueDeliveries(store, projectId, rule, {
      ruleId: record.id,
      eventId: event.id,
      kind: 'fired',
    });
  }
  for (const { alert, observation } of plan.stillFiring) {
    await store.alerts.touchEvent(projectId, alert.id, observation.value, now);
    // An evaluation that crashed between opening the alert and enqueueing its notifications left it
    // unannounced; enqueue them now (a pending job with the same key is not duplicated).
    if ((await store.alerts.listDeliveries(projectId, { eventId: alert.id, limit: 1 })).length === 0) {
      await enqueueDeliveries(store, projectId, rule, {
        ruleId: record.id,
        eventId: alert.id,
        kind: 'fired',
      });
    }
  }
  for (const { alert, observation } of plan.resolve) {
    if (!(await store.alerts.resolveEvent(projectId, alert.id, observation?.value ?? null, now))) continue;
    summary.resolved += 1;
    await enqueueDeliveries(store, projectId, rule, {
      ruleId: record.id,
      eventId: alert.id,
      kind: 'resolved',
    });
  }
  summary.stillFiring += plan.stillFiring.length;
  summary.coolingDown += plan.coolingDown.length;
}

async function enqueueDeliveries(
  store: Store,
  projectId: string,
  rule: AlertRuleDefinition,
  target: Omit<AlertDeliveryPayload, 'url'>,
) {
  for (const [index, webhook] of rule.webhooks.entries()) {
    await store.jobs.enqueue({
      projectId,
      kind: 'alerts.deliver',
      payload: { ...target, url: webhook.url } satisfies AlertDeliveryPayload,
      dedupeKey: `alerts.deliver:${target.eventId}:${target.kind}:${index}`,
      maxAttempts: 6,
    });
  }
}

function summarize(rule: AlertRuleDefinition, observation: AlertObservation): string {
  const scope = observation.group ? ` for ${observation.group}` : '';
  return (
    `${rule.name}${scope}: ${describeAlertMetric(rule.condition)} ${describeAlertValue(rule.condition, observation.value)} ` +
    `${rule.comparator} ${describeAlertValue(rule.condition, rule.threshold)} over ${rule.windowMinutes} min`
  );
}
