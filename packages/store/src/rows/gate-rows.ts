import type {
  AppendPromotionInput,
  CanaryDecisionRecord,
  CanaryRecord,
  GateRunRecord,
  LabelGate,
  PromotionRecord,
  PutGateRunInput,
} from '../gate-store.js';

export interface GateRunRow {
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
  /** Absent when the run was read with `gateRunListColumns`. */
  results?: string;
  actor: string;
  created_at: number;
}

/** Every gate run column but the (large) per-case results, for lists. */
export const gateRunListColumns =
  'project_id, id, suite, release_name, release_version, status, dataset, baseline, experiment_id, verdict, actor, created_at';

/**
 * Values for `(project_id, id, suite, release_name, release_version, status, dataset, baseline,
 * experiment_id, verdict, results, actor, created_at)`.
 */
export const gateRunValues = (projectId: string, input: PutGateRunInput, createdAt: number) => [
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
  createdAt,
];

export const toGateRun = (row: GateRunRow): GateRunRecord => ({
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

export interface CanaryRow {
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

export const toCanary = (row: CanaryRow): CanaryRecord => ({
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

export interface CanaryDecisionRow {
  id: number;
  canary_id: string;
  decision: CanaryDecisionRecord['decision'];
  evidence: string;
  created_at: number;
}

export const toCanaryDecision = (row: CanaryDecisionRow): CanaryDecisionRecord => ({
  id: row.id,
  canaryId: row.canary_id,
  decision: row.decision,
  evidence: JSON.parse(row.evidence),
  createdAt: new Date(row.created_at),
});

export interface LabelGateRow {
  release_name: string;
  label: string;
  suites: string;
  updated_at: number;
}

export const toLabelGate = (row: LabelGateRow): LabelGate => ({
  releaseName: row.release_name,
  label: row.label,
  suites: JSON.parse(row.suites),
  updatedAt: new Date(row.updated_at),
});

export interface PromotionRow {
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
}

/**
 * Values for `(project_id, release_name, label, from_version, to_version, kind, reason, gate_run_ids,
 * actor, created_at)`.
 */
export const promotionValues = (projectId: string, input: AppendPromotionInput, createdAt: number) => [
  projectId,
  input.releaseName,
  input.label,
  input.fromVersion,
  input.toVersion,
  input.kind,
  input.reason,
  JSON.stringify(input.gateRunIds),
  input.actor,
  createdAt,
];

export const toPromotion = (row: PromotionRow): PromotionRecord => ({
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
});
