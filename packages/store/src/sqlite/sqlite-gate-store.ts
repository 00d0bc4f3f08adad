import type Database from 'better-sqlite3';
import { clampLimit } from '../clamp-limit.js';
import type { CanaryDecisionRecord, CanaryRecord, GateStore } from '../gate-store.js';
import {
  type CanaryDecisionRow,
  type CanaryRow,
  type GateRunRow,
  gateRunListColumns,
  gateRunValues,
  type LabelGateRow,
  type PromotionRow,
  promotionValues,
  toCanary,
  toCanaryDecision,
  toGateRun,
  toLabelGate,
  toPromotion,
} from '../rows/gate-rows.js';

/** `Store.gates` on SQLite. */
export function createSqliteGateStore(db: Database.Database): GateStore {
  const getRun = db.prepare('SELECT * FROM gate_runs WHERE project_id = ? AND id = ?');
  const getCanary = db.prepare('SELECT * FROM canaries WHERE project_id = ? AND id = ?');
  const readCanary = (projectId: string, id: string) => {
    const row = getCanary.get(projectId, id) as CanaryRow | undefined;
    return row ? toCanary(row) : null;
  };
  const recordDecision = db.transaction(
    (projectId: string, canaryId: string, decision: CanaryDecisionRecord['decision'], evidence: string) => {
      const current = readCanary(projectId, canaryId);
      if (!current) return null;
      const now = Date.now();
      db.prepare(
        'INSERT INTO canary_decisions (project_id, canary_id, decision, evidence, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(projectId, canaryId, decision, evidence, now);
      const ends = decision !== 'continue' && current.status === 'running';
      const status = ends ? (decision === 'promote' ? 'promoted' : 'rolled_back') : current.status;
      db.prepare(
        'UPDATE canaries SET last_decision = ?, status = ?, updated_at = ? WHERE project_id = ? AND id = ?',
      ).run(evidence, status, now, projectId, canaryId);
      return { canary: readCanary(projectId, canaryId) as CanaryRecord, ended: ends };
    },
  );
  return {
    async putRun(projectId, input) {
      db.prepare(
        `INSERT INTO gate_runs (project_id, id, suite, release_name, release_version, status, dataset, baseline,
           experiment_id, verdict, results, actor, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, id) DO NOTHING`,
      ).run(gateRunValues(projectId, input, Date.now()));
      return toGateRun(getRun.get(projectId, input.id) as GateRunRow);
    },
    async getRun(projectId, id) {
      const row = getRun.get(projectId, id) as GateRunRow | undefined;
      return row ? toGateRun(row) : null;
    },
    async listRuns(projectId, query = {}) {
      const where = ['project_id = ?'];
      const values: unknown[] = [projectId];
      const add = (clause: string, value: unknown) => {
        if (value === undefined) return;
        where.push(clause);
        values.push(value);
      };
      add('release_name = ?', query.releaseName);
      add('release_version = ?', query.releaseVersion);
      add('suite = ?', query.suite);
      add('status = ?', query.status);
      const rows = db
        .prepare(
          `SELECT ${gateRunListColumns} FROM gate_runs WHERE ${where.join(' AND ')}
           ORDER BY created_at DESC, rowid DESC LIMIT ${clampLimit(query.limit, 50)}`,
        )
        .all(...values) as GateRunRow[];
      return rows.map(toGateRun);
    },
    async setLabelGate(projectId, input) {
      if (input.suites.length === 0) {
        db.prepare('DELETE FROM label_gates WHERE project_id = ? AND release_name = ? AND label = ?').run(
          projectId,
          input.releaseName,
          input.label,
        );
        return null;
      }
      const suites = [...new Set(input.suites)].sort();
      const now = Date.now();
      db.prepare(
        `INSERT INTO label_gates (project_id, release_name, label, suites, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (project_id, release_name, label) DO UPDATE SET suites = excluded.suites, updated_at = excluded.updated_at`,
      ).run(projectId, input.releaseName, input.label, JSON.stringify(suites), now);
      return { releaseName: input.releaseName, label: input.label, suites, updatedAt: new Date(now) };
    },
    async listLabelGates(projectId, releaseName) {
      const rows = db
        .prepare(
          `SELECT * FROM label_gates WHERE project_id = ? ${releaseName === undefined ? '' : 'AND release_name = ?'}
           ORDER BY release_name, label`,
        )
        .all(...(releaseName === undefined ? [projectId] : [projectId, releaseName])) as LabelGateRow[];
      return rows.map(toLabelGate);
    },
    async appendPromotion(projectId, input) {
      const now = Date.now();
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO release_promotions (project_id, release_name, label, from_version, to_version, kind, reason,
             gate_run_ids, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(promotionValues(projectId, input, now));
      return { ...input, id: Number(lastInsertRowid), createdAt: new Date(now) };
    },
    async listPromotions(projectId, query = {}) {
      const where = ['project_id = ?'];
      const values: unknown[] = [projectId];
      if (query.releaseName !== undefined) {
        where.push('release_name = ?');
        values.push(query.releaseName);
      }
      if (query.label !== undefined) {
        where.push('label = ?');
        values.push(query.label);
      }
      const rows = db
        .prepare(
          `SELECT * FROM release_promotions WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${clampLimit(query.limit, 200)}`,
        )
        .all(...values) as PromotionRow[];
      return rows.map(toPromotion);
    },
    async createCanary(projectId, input) {
      const running = db
        .prepare(
          `SELECT * FROM canaries WHERE project_id = ? AND target_type = ? AND name = ? AND label = ? AND status = 'running'`,
        )
        .get(projectId, input.targetType, input.name, input.label) as CanaryRow | undefined;
      if (running) return { status: 'conflict', running: toCanary(running) };
      const now = Date.now();
      db.prepare(
        `INSERT INTO canaries (project_id, id, target_type, name, label, baseline_version, candidate_version, share,
           sticky_by, score, margin, alpha, minimum_per_arm, status, last_decision, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', NULL, ?, ?)`,
      ).run(
        projectId,
        input.id,
        input.targetType,
        input.name,
        input.label,
        input.baselineVersion,
        input.candidateVersion,
        input.share,
        input.stickyBy,
        input.score,
        input.margin,
        input.alpha,
        input.minimumPerArm,
        now,
        now,
      );
      return { status: 'created', canary: readCanary(projectId, input.id) as CanaryRecord };
    },
    async getCanary(projectId, id) {
      return readCanary(projectId, id);
    },
    async listCanaries(projectId, query = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM canaries WHERE project_id = ? ${query.status ? 'AND status = ?' : ''} ORDER BY created_at DESC, id DESC`,
        )
        .all(...(query.status ? [projectId, query.status] : [projectId])) as CanaryRow[];
      return rows.map(toCanary);
    },
    async listRunningCanaries() {
      return (db.prepare(`SELECT * FROM canaries WHERE status = 'running'`).all() as CanaryRow[]).map(
        toCanary,
      );
    },
    async recordCanaryDecision(projectId, canaryId, decision) {
      return recordDecision(
        projectId,
        canaryId,
        decision.decision,
        JSON.stringify(decision.evidence ?? null),
      );
    },
    async stopCanary(projectId, canaryId) {
      db.prepare(
        `UPDATE canaries SET status = 'stopped', updated_at = ? WHERE project_id = ? AND id = ? AND status = 'running'`,
      ).run(Date.now(), projectId, canaryId);
      return readCanary(projectId, canaryId);
    },
    async listCanaryDecisions(projectId, canaryId, limit) {
      const rows = db
        .prepare(
          `SELECT * FROM canary_decisions WHERE project_id = ? AND canary_id = ? ORDER BY id DESC LIMIT ${clampLimit(limit, 100)}`,
        )
        .all(projectId, canaryId) as CanaryDecisionRow[];
      return rows.map(toCanaryDecision);
    },
  };
}
