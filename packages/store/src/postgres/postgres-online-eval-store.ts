import { SextantError } from '@sextant/core';
import type pg from 'pg';
import type { OnlineEvalStore } from '../online-eval-store.js';
import { type OnlineEvalRuleRow, storedRuleDefinition, toOnlineEvalRule } from '../rows/online-eval-rows.js';
import { isUniqueViolation } from './postgres-database.js';

interface RuleRow extends OnlineEvalRuleRow {
  /** The last `root_span_feed` sequence evaluated, as text. */
  cursor: string;
}

/**
 * A cursor is a sequence number in `root_span_feed`. The span writer appends to the feed under a
 * per-project advisory lock held until commit, so numbers become visible in order and a reader that saw
 * number n never later finds a smaller one committed behind it.
 */
const parseCursor = (cursor: string) => {
  if (!/^\d{1,18}$/.test(cursor)) {
    throw new SextantError('bad_request', `'${cursor}' is not an online-evaluation cursor of this store`);
  }
  return cursor;
};

/** Online evaluation rules on PostgreSQL, reading new traces through the root-span feed. */
export function createPostgresOnlineEvalStore(pool: pg.Pool): OnlineEvalStore {
  const byId = async (projectId: string, ruleId: string) =>
    (
      await pool.query<RuleRow>('SELECT * FROM online_eval_rules WHERE project_id = $1 AND id = $2', [
        projectId,
        ruleId,
      ])
    ).rows[0];

  return {
    async createRule(projectId, rule) {
      const now = Date.now();
      try {
        // New rules start at the end of the feed: they score new traffic.
        const { rows } = await pool.query<RuleRow>(
          `INSERT INTO online_eval_rules (project_id, id, name, definition, enabled, cursor, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5,
             (SELECT coalesce(max(sequence), 0)::text FROM root_span_feed), $6, $6)
           RETURNING *`,
          [projectId, rule.id, rule.name, storedRuleDefinition(rule), rule.enabled, now],
        );
        return toOnlineEvalRule(rows[0] as RuleRow);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new SextantError(
          'conflict',
          `project '${projectId}' already has an online evaluation rule named '${rule.name}'; pick another name or update that rule`,
        );
      }
    },
    async listRules(projectId) {
      const { rows } = await pool.query<RuleRow>(
        'SELECT * FROM online_eval_rules WHERE project_id = $1 ORDER BY name COLLATE "C"',
        [projectId],
      );
      return rows.map(toOnlineEvalRule);
    },
    async getRule(projectId, ruleId) {
      const row = await byId(projectId, ruleId);
      return row ? toOnlineEvalRule(row) : null;
    },
    async updateRule(projectId, ruleId, definition) {
      const { rows } = await pool.query<RuleRow>(
        `UPDATE online_eval_rules SET definition = $1, enabled = $2, updated_at = $3 WHERE project_id = $4 AND id = $5
         RETURNING *`,
        [storedRuleDefinition(definition), definition.enabled, Date.now(), projectId, ruleId],
      );
      return rows[0] ? toOnlineEvalRule(rows[0]) : null;
    },
    async deleteRule(projectId, ruleId) {
      const result = await pool.query('DELETE FROM online_eval_rules WHERE project_id = $1 AND id = $2', [
        projectId,
        ruleId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async ruleCursor(projectId, ruleId) {
      return (await byId(projectId, ruleId))?.cursor ?? null;
    },
    async advanceRuleCursor(projectId, ruleId, from, to) {
      parseCursor(from);
      parseCursor(to);
      const result = await pool.query(
        'UPDATE online_eval_rules SET cursor = $1 WHERE project_id = $2 AND id = $3 AND cursor = $4',
        [to, projectId, ruleId, from],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async newTraces(projectId, cursor, limit) {
      const { rows } = await pool.query<{ sequence: number; trace_id: string }>(
        `SELECT sequence, trace_id FROM root_span_feed WHERE project_id = $1 AND sequence > $2::bigint
         ORDER BY sequence LIMIT $3`,
        [projectId, parseCursor(cursor), limit],
      );
      const last = rows.at(-1);
      return {
        traceIds: [...new Set(rows.map((row) => row.trace_id))],
        cursor: last ? String(last.sequence) : cursor,
      };
    },
  };
}
