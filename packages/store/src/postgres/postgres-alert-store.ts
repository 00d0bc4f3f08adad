import type pg from 'pg';
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

/** `project_id = $1` and `column = $n` for each given filter. */
function conditions(projectId: string, clauses: Array<[string, unknown]>) {
  const where = ['project_id = $1'];
  const values: unknown[] = [projectId];
  for (const [clause, value] of clauses) {
    if (value === undefined) continue;
    values.push(value);
    where.push(`${clause} $${values.length}`);
  }
  return { where: where.join(' AND '), values };
}

/**
 * `Store.alerts` on PostgreSQL. One open alert per (rule, group) is a partial unique index, so two
 * servers evaluating the same rule at once open it only once.
 */
export function createPostgresAlertStore(pool: pg.Pool): AlertStore {
  return {
    async putRule(projectId, rule) {
      await pool.query(
        `INSERT INTO alert_rules (project_id, id, name, definition, enabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (project_id, id) DO UPDATE SET name = excluded.name, definition = excluded.definition,
           enabled = excluded.enabled, updated_at = excluded.updated_at`,
        [
          projectId,
          rule.id,
          rule.name,
          JSON.stringify(rule.definition),
          rule.enabled,
          rule.createdAt.getTime(),
          rule.updatedAt.getTime(),
        ],
      );
    },
    async getRule(projectId, ruleId) {
      const { rows } = await pool.query<AlertRuleRow>(
        'SELECT * FROM alert_rules WHERE project_id = $1 AND id = $2',
        [projectId, ruleId],
      );
      return rows[0] ? toAlertRule(rows[0]) : null;
    },
    async listRules(projectId) {
      const { rows } = await pool.query<AlertRuleRow>(
        'SELECT * FROM alert_rules WHERE project_id = $1 ORDER BY name COLLATE "C"',
        [projectId],
      );
      return rows.map(toAlertRule);
    },
    async deleteRule(projectId, ruleId) {
      const result = await pool.query('DELETE FROM alert_rules WHERE project_id = $1 AND id = $2', [
        projectId,
        ruleId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async openEvent(projectId, event) {
      const result = await pool.query(
        `INSERT INTO alert_events (project_id, id, rule_id, group_key, status, value, threshold, summary,
           fired_at, resolved_at, last_evaluated_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, NULL, $9)
         ON CONFLICT DO NOTHING`,
        openAlertEventValues(projectId, event),
      );
      return (result.rowCount ?? 0) > 0 ? { ...event, status: 'open', resolvedAt: null } : null;
    },
    async touchEvent(projectId, eventId, value, at) {
      await pool.query(
        `UPDATE alert_events SET value = $1, last_evaluated_at = $2 WHERE project_id = $3 AND id = $4 AND status = 'open'`,
        [value, at.getTime(), projectId, eventId],
      );
    },
    async resolveEvent(projectId, eventId, value, at) {
      const result = await pool.query(
        `UPDATE alert_events SET status = 'resolved', resolved_at = $1, last_evaluated_at = $1,
           value = coalesce($2, value)
         WHERE project_id = $3 AND id = $4 AND status = 'open'`,
        [at.getTime(), value, projectId, eventId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async getEvent(projectId, eventId) {
      const { rows } = await pool.query<AlertEventRow>(
        'SELECT * FROM alert_events WHERE project_id = $1 AND id = $2',
        [projectId, eventId],
      );
      return rows[0] ? toAlertEvent(rows[0]) : null;
    },
    async listEvents(projectId, query = {}) {
      const { where, values } = conditions(projectId, [
        ['rule_id =', query.ruleId],
        ['status =', query.status],
        ['group_key =', query.groupKey],
        ['fired_at <', query.before?.getTime()],
      ]);
      const { rows } = await pool.query<AlertEventRow>(
        `SELECT * FROM alert_events WHERE ${where} ORDER BY fired_at DESC, id DESC LIMIT ${clampLimit(query.limit, 100)}`,
        values,
      );
      return rows.map(toAlertEvent);
    },
    async lastResolved(projectId, ruleId) {
      const { rows } = await pool.query<{ group_key: string; at: number }>(
        `SELECT group_key, max(resolved_at) AS at FROM alert_events
         WHERE project_id = $1 AND rule_id = $2 AND status = 'resolved' GROUP BY group_key`,
        [projectId, ruleId],
      );
      return new Map(rows.map((row) => [row.group_key, new Date(row.at)]));
    },
    async addDelivery(projectId, delivery) {
      await pool.query(
        `INSERT INTO alert_deliveries (project_id, id, rule_id, event_id, kind, url, attempt, status, status_code,
           error, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        alertDeliveryValues(projectId, delivery),
      );
    },
    async listDeliveries(projectId, query) {
      const { where, values } = conditions(projectId, [
        ['event_id =', query.eventId],
        ['rule_id =', query.ruleId],
      ]);
      const { rows } = await pool.query<AlertDeliveryRow>(
        `SELECT * FROM alert_deliveries WHERE ${where}
         ORDER BY created_at DESC, attempt DESC LIMIT ${clampLimit(query.limit, 100)}`,
        values,
      );
      return rows.map(toAlertDelivery);
    },
  };
}
