import type {
  AlertDeliveryRecord,
  AlertEventRecord,
  AlertEventStatus,
  AlertRuleRecord,
} from '../alert-store.js';
import { fromStoredBoolean, type StoredBoolean } from './stored-boolean.js';

export interface AlertRuleRow {
  id: string;
  name: string;
  definition: string;
  enabled: StoredBoolean;
  created_at: number;
  updated_at: number;
}
export interface AlertEventRow {
  id: string;
  rule_id: string;
  group_key: string;
  status: string;
  value: number | null;
  threshold: number | null;
  summary: string;
  fired_at: number;
  resolved_at: number | null;
  last_evaluated_at: number;
}
export interface AlertDeliveryRow {
  id: string;
  rule_id: string;
  event_id: string | null;
  kind: string;
  url: string;
  attempt: number;
  status: string;
  status_code: number | null;
  error: string | null;
  created_at: number;
}

export const toAlertRule = (row: AlertRuleRow): AlertRuleRecord => ({
  id: row.id,
  name: row.name,
  definition: JSON.parse(row.definition),
  enabled: fromStoredBoolean(row.enabled),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});
export const toAlertEvent = (row: AlertEventRow): AlertEventRecord => ({
  id: row.id,
  ruleId: row.rule_id,
  groupKey: row.group_key,
  status: row.status as AlertEventStatus,
  value: row.value,
  threshold: row.threshold,
  summary: row.summary,
  firedAt: new Date(row.fired_at),
  resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at),
  lastEvaluatedAt: new Date(row.last_evaluated_at),
});
export const toAlertDelivery = (row: AlertDeliveryRow): AlertDeliveryRecord => ({
  id: row.id,
  ruleId: row.rule_id,
  eventId: row.event_id,
  kind: row.kind as AlertDeliveryRecord['kind'],
  url: row.url,
  attempt: row.attempt,
  status: row.status as AlertDeliveryRecord['status'],
  statusCode: row.status_code,
  error: row.error,
  createdAt: new Date(row.created_at),
});

/**
 * Values for an open alert's `(project_id, id, rule_id, group_key, value, threshold, summary, fired_at,
 * last_evaluated_at)`; its status and resolved_at are constants in the SQL.
 */
export const openAlertEventValues = (
  projectId: string,
  event: Omit<AlertEventRecord, 'status' | 'resolvedAt'>,
) => [
  projectId,
  event.id,
  event.ruleId,
  event.groupKey,
  event.value,
  event.threshold,
  event.summary,
  event.firedAt.getTime(),
  event.lastEvaluatedAt.getTime(),
];

/**
 * Values for `(project_id, id, rule_id, event_id, kind, url, attempt, status, status_code, error,
 * created_at)`.
 */
export const alertDeliveryValues = (projectId: string, delivery: AlertDeliveryRecord) => [
  projectId,
  delivery.id,
  delivery.ruleId,
  delivery.eventId,
  delivery.kind,
  delivery.url,
  delivery.attempt,
  delivery.status,
  delivery.statusCode,
  delivery.error,
  delivery.createdAt.getTime(),
];
