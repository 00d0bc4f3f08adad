import type pg from 'pg';
import type { AuditQuery, AuditStore } from '../audit-store.js';
import { type AuditRow, auditEntryValues, toAuditEntry } from '../rows/audit-rows.js';

/** `Store.audit` on PostgreSQL: one append-only table, read newest first by its sequence id. */
export function createPostgresAuditStore(pool: pg.Pool): AuditStore {
  return {
    async append(input) {
      await pool.query(
        `INSERT INTO audit_log (project_id, actor, action, target_type, target_id, before, after, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        auditEntryValues(input, Date.now()),
      );
    },
    async list(projectId, query: AuditQuery = {}) {
      const where = ['project_id = $1'];
      const values: unknown[] = [projectId];
      const add = (column: string, operator: string, value: unknown) => {
        if (value === undefined) return;
        values.push(value);
        where.push(`${column} ${operator} $${values.length}`);
      };
      add('target_type', '=', query.targetType);
      add('target_id', '=', query.targetId);
      add('action', '=', query.action);
      add('actor', '=', query.actor);
      add('created_at', '>=', query.since?.getTime());
      add('created_at', '<', query.until?.getTime());
      add('id', '<', query.before);
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const { rows } = await pool.query<AuditRow>(
        `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`,
        values,
      );
      return rows.map(toAuditEntry);
    },
  };
}
