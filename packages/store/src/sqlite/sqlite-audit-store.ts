import type Database from 'better-sqlite3';
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

/** `Store.audit` on SQLite: one append-only table, read newest first by id. */
export function createSqliteAuditStore(db: Database.Database): AuditStore {
  const insert = db.prepare(
    `INSERT INTO audit_log (project_id, actor, action, target_type, target_id, before, after, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    async append(input) {
      insert.run(
        input.projectId,
        input.actor,
        input.action,
        input.targetType,
        input.targetId,
        toJson(input.before),
        toJson(input.after),
        Date.now(),
      );
    },
    async list(projectId, query: AuditQuery = {}) {
      const where = ['project_id = ?'];
      const values: unknown[] = [projectId];
      const add = (clause: string, value: unknown) => {
        if (value === undefined) return;
        where.push(clause);
        values.push(value);
      };
      add('target_type = ?', query.targetType);
      add('target_id = ?', query.targetId);
      add('action = ?', query.action);
      add('actor = ?', query.actor);
      add('created_at >= ?', query.since?.getTime());
      add('created_at < ?', query.until?.getTime());
      add('id < ?', query.before);
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
      const rows = db
        .prepare(`SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${limit}`)
        .all(...values) as AuditRow[];
      return rows.map(toEntry);
    },
  };
}
