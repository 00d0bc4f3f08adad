import type Database from 'better-sqlite3';
import type { AlertStore } from '../alert-store.js';
import { clampLimit } from '../clamp-limit.js';
import {
  type AlertDeliveryRow,
  type AlertEventRow,
  type AlertRuleRow,
  alertDeliveryValues,
  openAlertEventValues,
  toAlertDelivery,
  toAlertEvent,
  toAlertRule,
} from '../rows/alert-rows.js';

/** `Store.alerts` on SQLite. One open alert per (rule, group) is enforced by a partial unique index. */
export function createSqliteAlertStore(db: Database.Database): AlertStore {
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
      return row ? toAlertRule(row as AlertRuleRow) : null;
    },
    async listRules(projectId) {
      const rows = db.prepare('SELECT * FROM alert_rules WHERE project_id = ? ORDER BY name').all(projectId);
      return (rows as AlertRuleRow[]).map(toAlertRule);
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
        .run(openAlertEventValues(projectId, event));
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
      return row ? toAlertEvent(row as AlertEventRow) : null;
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
      return (rows as AlertEventRow[]).map(toAlertEvent);
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
      ).run(alertDeliveryValues(projectId, delivery));
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
      return (rows as AlertDeliveryRow[]).map(toAlertDelivery);
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
