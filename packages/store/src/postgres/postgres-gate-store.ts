import type pg from 'pg';
import { clampLimit } from '../clamp-limit.js';
import type { CanaryRecord, GateRunRecord, GateStore } from '../gate-store.js';
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
import { inTransaction, type Queryable } from './postgres-database.js';

/** Builds `column = $n AND ...` for the given filters, skipping undefined ones. */
function filters(projectId: string, pairs: Array<[string, unknown]>) {
  const where = ['project_id = $1'];
  const values: unknown[] = [projectId];
  for (const [column, value] of pairs) {
    if (value === undefined) continue;
    values.push(value);
    where.push(`${column} = $${values.length}`);
  }
  return { where: where.join(' AND '), values };
}

/** `Store.gates` on PostgreSQL; the one-running-canary rule is a partial unique index, as in SQLite. */
export function createPostgresGateStore(pool: pg.Pool): GateStore {
  const readCanary = async (client: Queryable, projectId: string, id: string) => {
    const { rows } = await client.query<CanaryRow>(
      'SELECT * FROM canaries WHERE project_id = $1 AND id = $2',
      [projectId, id],
    );
    return rows[0] ? toCanary(rows[0]) : null;
  };
  const runningCanary = async (
    projectId: string,
    input: { targetType: string; name: string; label: string },
  ) =>
    (
      await pool.query<CanaryRow>(
        `SELECT * FROM canaries WHERE project_id = $1 AND target_type = $2 AND name = $3 AND label = $4 AND status = 'running'`,
        [projectId, input.targetType, input.name, input.label],
      )
    ).rows[0];

  return {
    async putRun(projectId, input) {
      await pool.query(
        `INSERT INTO gate_runs (project_id, id, suite, release_name, release_version, status, dataset, baseline,
           experiment_id, verdict, results, actor, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (project_id, id) DO NOTHING`,
        gateRunValues(projectId, input, Date.now()),
      );
      return (await this.getRun(projectId, input.id)) as GateRunRecord;
    },
    async getRun(projectId, id) {
      const { rows } = await pool.query<GateRunRow>(
        'SELECT * FROM gate_runs WHERE project_id = $1 AND id = $2',
        [projectId, id],
      );
      return rows[0] ? toGateRun(rows[0]) : null;
    },
    async listRuns(projectId, query = {}) {
      const { where, values } = filters(projectId, [
        ['release_name', query.releaseName],
        ['release_version', query.releaseVersion],
        ['suite', query.suite],
        ['status', query.status],
      ]);
      const { rows } = await pool.query<GateRunRow>(
        `SELECT ${gateRunListColumns} FROM gate_runs WHERE ${where}
         ORDER BY created_at DESC, sequence DESC LIMIT ${clampLimit(query.limit, 50)}`,
        values,
      );
      return rows.map(toGateRun);
    },
    async setLabelGate(projectId, input) {
      if (input.suites.length === 0) {
        await pool.query(
          'DELETE FROM label_gates WHERE project_id = $1 AND release_name = $2 AND label = $3',
          [projectId, input.releaseName, input.label],
        );
        return null;
      }
      const suites = [...new Set(input.suites)].sort();
      const now = Date.now();
      await pool.query(
        `INSERT INTO label_gates (project_id, release_name, label, suites, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, release_name, label) DO UPDATE SET suites = excluded.suites, updated_at = excluded.updated_at`,
        [projectId, input.releaseName, input.label, JSON.stringify(suites), now],
      );
      return { releaseName: input.releaseName, label: input.label, suites, updatedAt: new Date(now) };
    },
    async listLabelGates(projectId, releaseName) {
      const { where, values } = filters(projectId, [['release_name', releaseName]]);
      const { rows } = await pool.query<LabelGateRow>(
        `SELECT * FROM label_gates WHERE ${where} ORDER BY release_name COLLATE "C", label COLLATE "C"`,
        values,
      );
      return rows.map(toLabelGate);
    },
    async appendPromotion(projectId, input) {
      const now = Date.now();
      const { rows } = await pool.query<{ id: number }>(
        `INSERT INTO release_promotions (project_id, release_name, label, from_version, to_version, kind, reason,
           gate_run_ids, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        promotionValues(projectId, input, now),
      );
      return { ...input, id: rows[0]?.id as number, createdAt: new Date(now) };
    },
    async listPromotions(projectId, query = {}) {
      const { where, values } = filters(projectId, [
        ['release_name', query.releaseName],
        ['label', query.label],
      ]);
      const { rows } = await pool.query<PromotionRow>(
        `SELECT * FROM release_promotions WHERE ${where} ORDER BY id DESC LIMIT ${clampLimit(query.limit, 200)}`,
        values,
      );
      return rows.map(toPromotion);
    },
    async createCanary(projectId, input) {
      const now = Date.now();
      // The partial unique index settles a race between servers: the loser sees the winner as running.
      const inserted = await pool.query(
        `INSERT INTO canaries (project_id, id, target_type, name, label, baseline_version, candidate_version, share,
           sticky_by, score, margin, alpha, minimum_per_arm, status, last_decision, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'running', NULL, $14, $14)
         ON CONFLICT DO NOTHING`,
        [
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
        ],
      );
      if (inserted.rowCount === 0) {
        const running = await runningCanary(projectId, input);
        if (running) return { status: 'conflict', running: toCanary(running) };
      }
      return { status: 'created', canary: (await readCanary(pool, projectId, input.id)) as CanaryRecord };
    },
    getCanary: (projectId, id) => readCanary(pool, projectId, id),
    async listCanaries(projectId, query = {}) {
      const { where, values } = filters(projectId, [['status', query.status]]);
      const { rows } = await pool.query<CanaryRow>(
        `SELECT * FROM canaries WHERE ${where} ORDER BY created_at DESC, id DESC`,
        values,
      );
      return rows.map(toCanary);
    },
    async listRunningCanaries() {
      const { rows } = await pool.query<CanaryRow>(`SELECT * FROM canaries WHERE status = 'running'`);
      return rows.map(toCanary);
    },
    recordCanaryDecision: (projectId, canaryId, decision) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<CanaryRow>(
          'SELECT * FROM canaries WHERE project_id = $1 AND id = $2 FOR UPDATE',
          [projectId, canaryId],
        );
        if (!rows[0]) return null;
        const current = toCanary(rows[0]);
        const evidence = JSON.stringify(decision.evidence ?? null);
        const now = Date.now();
        await client.query(
          'INSERT INTO canary_decisions (project_id, canary_id, decision, evidence, created_at) VALUES ($1, $2, $3, $4, $5)',
          [projectId, canaryId, decision.decision, evidence, now],
        );
        const ends = decision.decision !== 'continue' && current.status === 'running';
        const status = ends ? (decision.decision === 'promote' ? 'promoted' : 'rolled_back') : current.status;
        await client.query(
          'UPDATE canaries SET last_decision = $1, status = $2, updated_at = $3 WHERE project_id = $4 AND id = $5',
          [evidence, status, now, projectId, canaryId],
        );
        return { canary: (await readCanary(client, projectId, canaryId)) as CanaryRecord, ended: ends };
      }),
    async stopCanary(projectId, canaryId) {
      await pool.query(
        `UPDATE canaries SET status = 'stopped', updated_at = $1 WHERE project_id = $2 AND id = $3 AND status = 'running'`,
        [Date.now(), projectId, canaryId],
      );
      return readCanary(pool, projectId, canaryId);
    },
    async listCanaryDecisions(projectId, canaryId, limit) {
      const { rows } = await pool.query<CanaryDecisionRow>(
        `SELECT * FROM canary_decisions WHERE project_id = $1 AND canary_id = $2 ORDER BY id DESC LIMIT ${clampLimit(limit, 100)}`,
        [projectId, canaryId],
      );
      return rows.map(toCanaryDecision);
    },
  };
}
