import type Database from 'better-sqlite3';
import type { AuditQuery, AuditStore } from '../audit-store.js';
import { type AuditRow, auditEntryValues, toAuditEntry } from '../rows/audit-rows.js';

/** `Store.audit` on SQLite: one append-only table, read newest first by id. */
export function createSqliteAuditStore(db: Database.Database): AuditStore {
  const insert = db.prepare(
    `INSERT INTO audit_log (project_id, actor, action, target_type, target_id, before, after, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    async append(input) {
      insert.run(auditEntryValues(input, Date.now()));
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
      return rows.map(toAuditEntry);
    },
  };
}
