import type Database from 'better-sqlite3';
import type {
  CanaryDecisionRecord,
  CanaryRecord,
  GateRunRecord,
  GateStore,
  LabelGate,
  PromotionRecord,
} from '../gate-store.js';

interface GateRunRow {
  project_id: string;
  id: string;
  suite: string;
  release_name: string | null;
  release_version: number | null;
  status: GateRunRecord['status'];
  dataset: string | null;
  baseline: string | null;
  experiment_id: string | null;
  verdict: string;
  results?: string;
  actor: string;
  created_at: number;
}

const toRun = (row: GateRunRow): GateRunRecord => ({
  id: row.id,
  projectId: row.project_id,
  suite: row.suite,
  release:
    row.release_name === null || row.release_version === null
      ? null
      : { name: row.release_name, version: row.release_version },
  status: row.status,
  dataset: row.dataset,
  baseline: row.baseline,
  experimentId: row.experiment_id,
  verdict: JSON.parse(row.verdict),
  ...(row.results === undefined ? {} : { results: JSON.parse(row.results) }),
  actor: row.actor,
  createdAt: new Date(row.created_at),
});

interface CanaryRow {
  project_id: string;
  id: string;
  target_type: CanaryRecord['targetType'];
  name: string;
  label: string;
  baseline_version: number;
  candidate_version: number;
  share: number;
  sticky_by: CanaryRecord['stickyBy'];
  score: string;
  margin: number;
  alpha: number;
  minimum_per_arm: number;
  status: CanaryRecord['status'];
  last_decision: string | null;
  created_at: number;
  updated_at: number;
}

const toCanary = (row: CanaryRow): CanaryRecord => ({
  id: row.id,
  projectId: row.project_id,
  targetType: row.target_type,
  name: row.name,
  label: row.label,
  baselineVersion: row.baseline_version,
  candidateVersion: row.candidate_version,
  share: row.share,
  stickyBy: row.sticky_by,
  score: row.score,
  margin: row.margin,
  alpha: row.alpha,
  minimumPerArm: row.minimum_per_arm,
  status: row.status,
  lastDecision: row.last_decision === null ? null : JSON.parse(row.last_decision),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const listColumns =
  'project_id, id, suite, release_name, release_version, status, dataset, baseline, experiment_id, verdict, actor, created_at';
const clampLimit = (limit: number | undefined, fallback: number) =>
  Math.min(Math.max(limit ?? fallback, 1), 1000);

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
      ).run(
        projectId,
        input.id,
        input.suite,
        input.release?.name ?? null,
        input.release?.version ?? null,
        input.status,
        input.dataset,
        input.baseline,
        input.experimentId,
        JSON.stringify(input.verdict),
        JSON.stringify(input.results ?? null),
        input.actor,
        Date.now(),
      );
      return toRun(getRun.get(projectId, input.id) as GateRunRow);
    },
    async getRun(projectId, id) {
      const row = getRun.get(projectId, id) as GateRunRow | undefined;
      return row ? toRun(row) : null;
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
          `SELECT ${listColumns} FROM gate_runs WHERE ${where.join(' AND ')}
           ORDER BY created_at DESC, rowid DESC LIMIT ${clampLimit(query.limit, 50)}`,
        )
        .all(...values) as GateRunRow[];
      return rows.map(toRun);
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
        .all(...(releaseName === undefined ? [projectId] : [projectId, releaseName])) as Array<{
        release_name: string;
        label: string;
        suites: string;
        updated_at: number;
      }>;
      return rows.map(
        (row): LabelGate => ({
          releaseName: row.release_name,
          label: row.label,
          suites: JSON.parse(row.suites),
          updatedAt: new Date(row.updated_at),
        }),
      );
    },
    async appendPromotion(projectId, input) {
      const now = Date.now();
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO release_promotions (project_id, release_name, label, from_version, to_version, kind, reason,
             gate_run_ids, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          projectId,
          input.releaseName,
          input.label,
          input.fromVersion,
          input.toVersion,
          input.kind,
          input.reason,
          JSON.stringify(input.gateRunIds),
          input.actor,
          now,
        );
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
        .all(...values) as Array<{
        id: number;
        release_name: string;
        label: string;
        from_version: number | null;
        to_version: number | null;
        kind: PromotionRecord['kind'];
        reason: string | null;
        gate_run_ids: string;
        actor: string;
        created_at: number;
      }>;
      return rows.map((row) => ({
        id: row.id,
        releaseName: row.release_name,
        label: row.label,
        fromVersion: row.from_version,
        toVersion: row.to_version,
        kind: row.kind,
        reason: row.reason,
        gateRunIds: JSON.parse(row.gate_run_ids),
        actor: row.actor,
        createdAt: new Date(row.created_at),
      }));
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
        .all(projectId, canaryId) as Array<{
        id: number;
        canary_id: string;
        decision: CanaryDecisionRecord['decision'];
        evidence: string;
        created_at: number;
      }>;
      return rows.map((row) => ({
        id: row.id,
        canaryId: row.canary_id,
        decision: row.decision,
        evidence: JSON.parse(row.evidence),
        createdAt: new Date(row.created_at),
      }));
    },
  };
}
