import type Database from 'better-sqlite3';
import type {
  AlertDeliveryRecord,
  AlertEventRecord,
  AlertEventStatus,
  AlertRuleRecord,
  AlertStore,
} from '../alert-store.js';

interface RuleRow {
  id: string;
  name: string;
  definition: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}
interface EventRow {
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
interface DeliveryRow {
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

const toRule = (row: RuleRow): AlertRuleRecord => ({
  id: row.id,
  name: row.name,
  definition: JSON.parse(row.definition),
  enabled: row.enabled === 1,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});
const toEvent = (row: EventRow): AlertEventRecord => ({
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
const toDelivery = (row: DeliveryRow): AlertDeliveryRecord => ({
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

/** `Store.alerts` on SQLite. One open alert per (rule, group) is enforced by a partial unique index. */
export function createSqliteAlertStore(db: Database.Database): AlertStore {
  const clampLimit = (limit: number | undefined, fallback: number) =>
    Math.min(Math.max(limit ?? fallback, 1), 1000);
  return {
    async putRule(projectId, rule) {
      db.prepare(
        `INSERT INTO alert_rules (project_id, id, name, definition, enabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, id) DO UPDATE SET name = excluded.name, definition = excluded.definition,
           enabled = excluded.enabled, updated_at = excluded.updated_at`,
      ).run(
        projectId,
        rule.id,
        rule.name,
        JSON.stringify(rule.definition),
        rule.enabled ? 1 : 0,
        rule.createdAt.getTime(),
        rule.updatedAt.getTime(),
      );
    },
    async getRule(projectId, ruleId) {
      const row = db
        .prepare('SELECT * FROM alert_rules WHERE project_id = ? AND id = ?')
        .get(projectId, ruleId);
      return row ? toRule(row as RuleRow) : null;
    },
    async listRules(projectId) {
      const rows = db.prepare('SELECT * FROM alert_rules WHERE project_id = ? ORDER BY name').all(projectId);
      return (rows as RuleRow[]).map(toRule);
    },
    async deleteRule(projectId, ruleId) {
      return (
        db.prepare('DELETE FROM alert_rules WHERE project_id = ? AND id = ?').run(projectId, ruleId).changes >
        0
      );
    },
    async openEvent(projectId, event) {
      const result = db
        .prepare(
          `INSERT INTO alert_events (project_id, id, rule_id, group_key, status, value, threshold, summary,
             fired_at, resolved_at, last_evaluated_at)
           VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, NULL, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(
          projectId,
          event.id,
          event.ruleId,
          event.groupKey,
          event.value,
          event.threshold,
          event.summary,
          event.firedAt.getTime(),
          event.lastEvaluatedAt.getTime(),
        );
      return result.changes > 0 ? { ...event, status: 'open', resolvedAt: null } : null;
    },
    async touchEvent(projectId, eventId, value, at) {
      db.prepare(
        `UPDATE alert_events SET value = ?, last_evaluated_at = ? WHERE project_id = ? AND id = ? AND status = 'open'`,
      ).run(value, at.getTime(), projectId, eventId);
    },
    async resolveEvent(projectId, eventId, value, at) {
      const result = db
        .prepare(
          `UPDATE alert_events SET status = 'resolved', resolved_at = ?, last_evaluated_at = ?, value = coalesce(?, value)
           WHERE project_id = ? AND id = ? AND status = 'open'`,
        )
        .run(at.getTime(), at.getTime(), value, projectId, eventId);
      return result.changes > 0;
    },
    async getEvent(projectId, eventId) {
      const row = db
        .prepare('SELECT * FROM alert_events WHERE project_id = ? AND id = ?')
        .get(projectId, eventId);
      return row ? toEvent(row as EventRow) : null;
    },
    async listEvents(projectId, query = {}) {
      const { where, values } = conditions(projectId, {
        'rule_id = ?': query.ruleId,
        'status = ?': query.status,
        'group_key = ?': query.groupKey,
        'fired_at < ?': query.before?.getTime(),
      });
      const rows = db
        .prepare(
          `SELECT * FROM alert_events WHERE ${where.join(' AND ')} ORDER BY fired_at DESC, id DESC LIMIT ${clampLimit(query.limit, 100)}`,
        )
        .all(...values);
      return (rows as EventRow[]).map(toEvent);
    },
    async lastResolved(projectId, ruleId) {
      const rows = db
        .prepare(
          `SELECT group_key, max(resolved_at) AS at FROM alert_events
           WHERE project_id = ? AND rule_id = ? AND status = 'resolved' GROUP BY group_key`,
        )
        .all(projectId, ruleId) as { group_key: string; at: number }[];
      return new Map(rows.map((row) => [row.group_key, new Date(row.at)]));
    },
    async addDelivery(projectId, delivery) {
      db.prepare(
        `INSERT INTO alert_deliveries (project_id, id, rule_id, event_id, kind, url, attempt, status, status_code,
           error, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(
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
      );
    },
    async listDeliveries(projectId, query) {
      const { where, values } = conditions(projectId, {
        'event_id = ?': query.eventId,
        'rule_id = ?': query.ruleId,
      });
      const rows = db
        .prepare(
          `SELECT * FROM alert_deliveries WHERE ${where.join(' AND ')}
           ORDER BY created_at DESC, attempt DESC LIMIT ${clampLimit(query.limit, 100)}`,
        )
        .all(...values);
      return (rows as DeliveryRow[]).map(toDelivery);
    },
  };
}

/** `project_id = ?` and each clause whose value is given. */
function conditions(projectId: string, clauses: Record<string, unknown>) {
  const where = ['project_id = ?'];
  const values: unknown[] = [projectId];
  for (const [clause, value] of Object.entries(clauses)) {
    if (value === undefined) continue;
    where.push(clause);
    values.push(value);
  }
  return { where, values };
}
