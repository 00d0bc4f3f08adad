import { SextantError } from '@sextant/core';
import type Database from 'better-sqlite3';
import type { OnlineEvalStore } from '../online-eval-store.js';
import { type OnlineEvalRuleRow, storedRuleDefinition, toOnlineEvalRule } from '../rows/online-eval-rows.js';

interface RuleRow extends OnlineEvalRuleRow {
  /** The rowid of the last root span evaluated. */
  cursor: number;
}

/** Rules on SQLite; cursors are rowids of root spans (rowids grow in commit order: one writer at a time). */
export function createSqliteOnlineEvalStore(db: Database.Database): OnlineEvalStore {
  const byId = db.prepare('SELECT * FROM online_eval_rules WHERE project_id = ? AND id = ?');
  const parseCursor = (cursor: string) => {
    const value = Number(cursor);
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new SextantError('bad_request', `'${cursor}' is not an online-evaluation cursor of this store`);
    }
    return value;
  };

  return {
    async createRule(projectId, rule) {
      const now = Date.now();
      const end = (
        db.prepare('SELECT coalesce(max(rowid), 0) AS cursor FROM spans').get() as { cursor: number }
      ).cursor;
      const result = db
        .prepare(
          `INSERT INTO online_eval_rules (project_id, id, name, definition, enabled, cursor, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(projectId, rule.id, rule.name, storedRuleDefinition(rule), rule.enabled ? 1 : 0, end, now, now);
      if (result.changes === 0) {
        throw new SextantError(
          'conflict',
          `project '${projectId}' already has an online evaluation rule named '${rule.name}'; pick another name or update that rule`,
        );
      }
      return toOnlineEvalRule(byId.get(projectId, rule.id) as RuleRow);
    },
    async listRules(projectId) {
      const rows = db
        .prepare('SELECT * FROM online_eval_rules WHERE project_id = ? ORDER BY name')
        .all(projectId) as RuleRow[];
      return rows.map(toOnlineEvalRule);
    },
    async getRule(projectId, ruleId) {
      const row = byId.get(projectId, ruleId) as RuleRow | undefined;
      return row ? toOnlineEvalRule(row) : null;
    },
    async updateRule(projectId, ruleId, definition) {
      const result = db
        .prepare(
          'UPDATE online_eval_rules SET definition = ?, enabled = ?, updated_at = ? WHERE project_id = ? AND id = ?',
        )
        .run(storedRuleDefinition(definition), definition.enabled ? 1 : 0, Date.now(), projectId, ruleId);
      return result.changes === 0 ? null : toOnlineEvalRule(byId.get(projectId, ruleId) as RuleRow);
    },
    async deleteRule(projectId, ruleId) {
      return (
        db.prepare('DELETE FROM online_eval_rules WHERE project_id = ? AND id = ?').run(projectId, ruleId)
          .changes > 0
      );
    },
    async ruleCursor(projectId, ruleId) {
      const row = byId.get(projectId, ruleId) as RuleRow | undefined;
      return row ? String(row.cursor) : null;
    },
    async advanceRuleCursor(projectId, ruleId, from, to) {
      const result = db
        .prepare('UPDATE online_eval_rules SET cursor = ? WHERE project_id = ? AND id = ? AND cursor = ?')
        .run(parseCursor(to), projectId, ruleId, parseCursor(from));
      return result.changes > 0;
    },
    async newTraces(projectId, cursor, limit) {
      // spans_roots is (project_id) over root spans, so this is a range read on (project_id, rowid).
      const rows = db
        .prepare(
          `SELECT rowid AS position, trace_id FROM spans INDEXED BY spans_roots
           WHERE project_id = ? AND parent_span_id IS NULL AND rowid > ? ORDER BY rowid LIMIT ?`,
        )
        .all(projectId, parseCursor(cursor), limit) as { position: number; trace_id: string }[];
      return {
        traceIds: [...new Set(rows.map((row) => row.trace_id))],
        cursor: rows.length > 0 ? String(rows.at(-1)?.position) : cursor,
      };
    },
  };
}
