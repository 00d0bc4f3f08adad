/** A release version a gate run or canary is about. */
export interface ReleaseRef {
  name: string;
  version: number;
}

/** One stored `sextant eval` suite run: its verdict (with evidence) and every run, linked to what it tested. */
export interface GateRunRecord {
  id: string;
  projectId: string;
  suite: string;
  release: ReleaseRef | null;
  status: 'passed' | 'failed' | 'error';
  /** "qa@3" or a file name. */
  dataset: string | null;
  /** Where the baseline came from: a file, or "NAME@VERSION (label)". */
  baseline: string | null;
  /** The experiment the runs were stored as, when there is one (lineage). */
  experimentId: string | null;
  /** The suite verdict as JSON (gates, evidence, flaky and quarantined items). */
  verdict: unknown;
  /** Every run; omitted from lists. */
  results?: unknown;
  actor: string;
  createdAt: Date;
}

export type PutGateRunInput = Omit<GateRunRecord, 'projectId' | 'createdAt'>;

/** The suites whose latest gate run must have passed before a release version may take `label`. */
export interface LabelGate {
  releaseName: string;
  label: string;
  suites: string[];
  updatedAt: Date;
}

/** How a label came to move: through its gates, by an override (with a reason), a rollback, or a canary. */
export type PromotionKind = 'promote' | 'override' | 'rollback' | 'canary';

export interface PromotionRecord {
  id: number;
  releaseName: string;
  label: string;
  fromVersion: number | null;
  toVersion: number | null;
  kind: PromotionKind;
  reason: string | null;
  /** The gate runs that allowed it. */
  gateRunIds: string[];
  actor: string;
  createdAt: Date;
}

export type AppendPromotionInput = Omit<PromotionRecord, 'id' | 'createdAt'>;

/** A canary: `share` of a prompt or release label's traffic goes to `candidateVersion`, sticky per key. */
export interface CanaryRecord {
  id: string;
  projectId: string;
  targetType: 'prompt' | 'release';
  name: string;
  label: string;
  baselineVersion: number;
  candidateVersion: number;
  share: number;
  stickyBy: 'user' | 'session';
  /** The online score both arms are compared on. */
  score: string;
  margin: number;
  alpha: number;
  minimumPerArm: number;
  status: 'running' | 'promoted' | 'rolled_back' | 'stopped';
  /** The newest decision with its evidence, for lists. */
  lastDecision: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export type CreateCanaryInput = Omit<
  CanaryRecord,
  'projectId' | 'status' | 'lastDecision' | 'createdAt' | 'updatedAt'
>;

export interface CanaryDecisionRecord {
  id: number;
  canaryId: string;
  decision: 'promote' | 'continue' | 'rollback';
  evidence: unknown;
  createdAt: Date;
}

/** Gate runs, label gates, promotion history and canaries (Deploy). */
export interface GateStore {
  /** Idempotent on (project, id): the same id again returns the stored run unchanged. */
  putRun(projectId: string, input: PutGateRunInput): Promise<GateRunRecord>;
  getRun(projectId: string, id: string): Promise<GateRunRecord | null>;
  /** Newest first, without `results`. */
  listRuns(
    projectId: string,
    query?: {
      releaseName?: string;
      releaseVersion?: number;
      suite?: string;
      status?: GateRunRecord['status'];
      limit?: number;
    },
  ): Promise<GateRunRecord[]>;
  /** Sets the suites a label requires; an empty list removes the gate. */
  setLabelGate(
    projectId: string,
    input: { releaseName: string; label: string; suites: string[] },
  ): Promise<LabelGate | null>;
  listLabelGates(projectId: string, releaseName?: string): Promise<LabelGate[]>;
  appendPromotion(projectId: string, input: AppendPromotionInput): Promise<PromotionRecord>;
  /** Newest first. */
  listPromotions(
    projectId: string,
    query?: { releaseName?: string; label?: string; limit?: number },
  ): Promise<PromotionRecord[]>;
  /** Conflict when a canary is already running on the same target and label. */
  createCanary(
    projectId: string,
    input: CreateCanaryInput,
  ): Promise<{ status: 'created'; canary: CanaryRecord } | { status: 'conflict'; running: CanaryRecord }>;
  getCanary(projectId: string, id: string): Promise<CanaryRecord | null>;
  /** Newest first. */
  listCanaries(projectId: string, query?: { status?: CanaryRecord['status'] }): Promise<CanaryRecord[]>;
  /** Running canaries of every project: what the gateway routes by and the evaluation job checks. */
  listRunningCanaries(): Promise<CanaryRecord[]>;
  /** Records a decision; a non-continue decision also ends the canary unless it already ended. */
  recordCanaryDecision(
    projectId: string,
    canaryId: string,
    decision: { decision: CanaryDecisionRecord['decision']; evidence: unknown },
  ): Promise<{ canary: CanaryRecord; ended: boolean } | null>;
  /** Stops a running canary by hand; null when it does not exist. */
  stopCanary(projectId: string, canaryId: string): Promise<CanaryRecord | null>;
  listCanaryDecisions(projectId: string, canaryId: string, limit?: number): Promise<CanaryDecisionRecord[]>;
}
