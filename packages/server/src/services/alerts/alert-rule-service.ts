import { randomUUID } from 'node:crypto';
import { type AlertRuleDefinition, alertMessage, SextantError, suggestName } from '@sextant/core';
import type { AlertDeliveryRecord, AlertEventRecord, AlertRuleRecord, Store } from '@sextant/store';
import { type AuditCaller, AuditLog } from '../audit-log.js';
import { noticeOf } from './deliver-alert.js';
import { ruleDefinition } from './evaluate-alert-rules.js';
import { observeAlertRule } from './observe-alert-rule.js';
import { postWebhook } from './post-webhook.js';

/** A rule for the API: its definition plus identity, dates and how many of its alerts are open. */
export interface AlertRuleView {
  id: string;
  definition: AlertRuleDefinition;
  openAlerts: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An alert in the history, with the name of the rule that fired it (null once the rule is deleted). */
export type AlertEventView = AlertEventRecord & { ruleName: string | null };

/**
 * A rule as the audit log keeps it: webhook URLs cut to their origin, since a Slack or Teams webhook URL
 * is itself the credential that lets anyone post to the channel.
 */
function auditable(definition: AlertRuleDefinition) {
  return {
    ...definition,
    webhooks: definition.webhooks.map((webhook) => ({ url: `${new URL(webhook.url).origin}/…` })),
  };
}

/** Alert rules (audited), the history of their alerts and deliveries, and test sends. */
export class AlertRuleService {
  private readonly audit: AuditLog;

  constructor(private readonly store: Store) {
    this.audit = new AuditLog(store);
  }

  async list(projectId: string): Promise<AlertRuleView[]> {
    const [rules, open] = await Promise.all([
      this.store.alerts.listRules(projectId),
      this.store.alerts.listEvents(projectId, { status: 'open', limit: 1000 }),
    ]);
    return rules.map((rule) => this.view(rule, open.filter((event) => event.ruleId === rule.id).length));
  }

  async get(projectId: string, name: string): Promise<AlertRuleView> {
    const rule = await this.require(projectId, name);
    const open = await this.store.alerts.listEvents(projectId, { ruleId: rule.id, status: 'open' });
    return this.view(rule, open.length);
  }

  async create(
    projectId: string,
    definition: AlertRuleDefinition,
    caller: AuditCaller,
  ): Promise<AlertRuleView> {
    if (await this.find(projectId, definition.name)) {
      throw new SextantError(
        'conflict',
        `alert rule '${definition.name}' already exists; change it with PUT /api/alerts/rules/${definition.name} or pick another name`,
      );
    }
    const now = new Date();
    const rule = {
      id: randomUUID(),
      name: definition.name,
      definition,
      enabled: definition.enabled,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.alerts.putRule(projectId, rule);
    await this.audit.record(projectId, caller, {
      action: 'alert_rule.create',
      targetType: 'alert_rule',
      targetId: rule.name,
      after: auditable(definition),
    });
    return this.view(rule, 0);
  }

  /** Replaces the rule named `name` (the definition may rename it). */
  async update(
    projectId: string,
    name: string,
    definition: AlertRuleDefinition,
    caller: AuditCaller,
  ): Promise<AlertRuleView> {
    const existing = await this.require(projectId, name);
    const clash = definition.name !== name ? await this.find(projectId, definition.name) : null;
    if (clash) throw new SextantError('conflict', `another alert rule is already named '${definition.name}'`);
    const rule = {
      ...existing,
      name: definition.name,
      definition,
      enabled: definition.enabled,
      updatedAt: new Date(),
    };
    await this.store.alerts.putRule(projectId, rule);
    await this.audit.record(projectId, caller, {
      action: 'alert_rule.update',
      targetType: 'alert_rule',
      targetId: rule.name,
      before: auditable(ruleDefinition(existing)),
      after: auditable(definition),
    });
    return this.get(projectId, rule.name);
  }

  /** Deletes the rule; its open alerts are resolved without notifying, and its history is kept. */
  async delete(projectId: string, name: string, caller: AuditCaller): Promise<void> {
    const rule = await this.require(projectId, name);
    await this.store.alerts.deleteRule(projectId, rule.id);
    const now = new Date();
    for (const event of await this.store.alerts.listEvents(projectId, { ruleId: rule.id, status: 'open' })) {
      await this.store.alerts.resolveEvent(projectId, event.id, null, now);
    }
    await this.audit.record(projectId, caller, {
      action: 'alert_rule.delete',
      targetType: 'alert_rule',
      targetId: rule.name,
      before: auditable(ruleDefinition(rule)),
    });
  }

  /**
   * Sends a sample notification to each of the rule's webhooks now (one attempt each, recorded as 'test'
   * deliveries) and says how each answered. The sample carries the rule's current value when there is one.
   * A rule not saved yet can be tested by passing its definition.
   */
  async test(
    projectId: string,
    target: { name: string } | { definition: AlertRuleDefinition },
  ): Promise<AlertDeliveryRecord[]> {
    const rule: AlertRuleRecord =
      'name' in target
        ? await this.require(projectId, target.name)
        : {
            id: `unsaved:${target.definition.name}`,
            name: target.definition.name,
            definition: target.definition,
            enabled: true,
            createdAt: new Date(),
            updatedAt: new Date(),
          };
    const definition = ruleDefinition(rule);
    if (definition.webhooks.length === 0) {
      throw new SextantError(
        'bad_request',
        `alert rule '${rule.name}' has no webhooks to test; add one under webhooks`,
      );
    }
    const now = new Date();
    const [current] = await observeAlertRule(this.store, projectId, definition, now);
    const sample = {
      groupKey: current?.group ?? '',
      value: current?.value ?? definition.threshold,
      firedAt: now,
      resolvedAt: null,
    };
    const body = alertMessage(noticeOf(projectId, rule, sample, 'test'));
    const deliveries: AlertDeliveryRecord[] = [];
    for (const webhook of definition.webhooks) {
      const outcome = await postWebhook(webhook.url, body);
      const delivery: AlertDeliveryRecord = {
        id: randomUUID(),
        ruleId: rule.id,
        eventId: null,
        kind: 'test',
        url: webhook.url,
        attempt: 1,
        status: outcome.ok ? 'delivered' : 'failed',
        statusCode: outcome.statusCode,
        error: outcome.error,
        createdAt: new Date(),
      };
      if ('name' in target) await this.store.alerts.addDelivery(projectId, delivery);
      deliveries.push(delivery);
    }
    return deliveries;
  }

  /** Alerts newest first, with their rule's name. */
  async history(
    projectId: string,
    query: { rule?: string; status?: 'open' | 'resolved'; before?: Date; limit?: number },
  ): Promise<AlertEventView[]> {
    const rules = await this.store.alerts.listRules(projectId);
    const ruleId = query.rule === undefined ? undefined : (await this.require(projectId, query.rule)).id;
    const events = await this.store.alerts.listEvents(projectId, { ...query, ruleId });
    const names = new Map(rules.map((rule) => [rule.id, rule.name]));
    return events.map((event) => ({ ...event, ruleName: names.get(event.ruleId) ?? null }));
  }

  async event(projectId: string, eventId: string) {
    const event = await this.store.alerts.getEvent(projectId, eventId);
    if (!event) throw new SextantError('not_found', `alert '${eventId}' not found in this project`);
    const rule = await this.store.alerts.getRule(projectId, event.ruleId);
    const deliveries = await this.store.alerts.listDeliveries(projectId, { eventId });
    return { event: { ...event, ruleName: rule?.name ?? null }, deliveries };
  }

  private view(rule: AlertRuleRecord, openAlerts: number): AlertRuleView {
    return {
      id: rule.id,
      definition: ruleDefinition(rule),
      openAlerts,
      createdAt: rule.createdAt,
      updatedAt: rule.updatedAt,
    };
  }

  private async find(projectId: string, name: string): Promise<AlertRuleRecord | null> {
    return (await this.store.alerts.listRules(projectId)).find((rule) => rule.name === name) ?? null;
  }

  private async require(projectId: string, name: string): Promise<AlertRuleRecord> {
    const rules = await this.store.alerts.listRules(projectId);
    const rule = rules.find((candidate) => candidate.name === name);
    if (rule) return rule;
    const names = rules.map((candidate) => candidate.name);
    const close = suggestName(name, names);
    throw new SextantError(
      'not_found',
      `alert rule '${name}' not found${close ? ` (did you mean '${close}'?)` : ''}; rules: ${names.join(', ') || 'none yet'}. ` +
        'Create one with `sextant alerts create` or POST /api/alerts/rules',
    );
  }
}
