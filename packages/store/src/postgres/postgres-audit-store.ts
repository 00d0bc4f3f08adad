import type pg from 'pg';
import type { AuditEntry, AuditQuery, AuditStore } from '../audit-store.js';

interface AuditRow {
  id: number;
  project_id: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  created_at: number;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  projectId: row.project_id,
  actor: row.actor,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  before: row.before === null ? null : JSON.parse(row.before),
  after: row.after === null ? null : JSON.parse(row.after),
  createdAt: new Date(row.created_at),
});

const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** `Store.audit` on PostgreSQL: one append-only table, read newest first by its sequence id. */
export function createPostgresAuditStore(pool: pg.Pool): AuditStore {
  return {
    async append(input) {
      await pool.query(
        `INSERT INTO audit_log (project_id, actor, action, target_type, target_id, before, after, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          input.projectId,
          input.actor,
          input.action,
          input.targetType,
          input.targetId,
          toJson(input.before),
          toJson(input.after),
          Date.now(),
        ],
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
      return rows.map(toEntry);
    },
  };
}
