import { randomUUID } from 'node:crypto';
import { SextantError } from '@sextant/core';
import { type ArmSummary, decideCanary } from '@sextant/core/statistics';
import type { CanaryRecord, Store } from '@sextant/store';
import type { CanaryRouter } from '../gateway/canary-router.js';
import { type AuditCaller, AuditLog } from './audit-log.js';
import type { ReleaseService } from './release-service.js';

/** What starting a canary takes: a prompt's or a release's label; the baseline is the version it points at now. */
export interface StartCanaryInput {
  prompt?: string;
  release?: string;
  label: string;
  candidateVersion: number;
  /** Share of traffic (of keys) the candidate serves, in (0, 1). */
  share: number;
  stickyBy: 'user' | 'session';
  /** The online score (in [0, 1]) both arms are compared on. */
  score: string;
  margin: number;
  alpha: number;
  minimumPerArm: number;
}

/** One look at a canary: the arms, the always-valid interval, and what it decided. */
export interface CanaryEvidence {
  decision: 'promote' | 'continue' | 'rollback';
  reason: string;
  baseline: { version: number; count: number; mean: number | null };
  candidate: { version: number; count: number; mean: number | null };
  interval: { estimate: number | null; lower: number | null; upper: number | null; alpha: number };
  evaluatedAt: string;
}

const tenYearsSeconds = 10 * 365 * 86_400;
const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

/**
 * Canaries on prompt and release labels: the gateway sends `share` of a label's traffic to a candidate version,
 * online evaluators score both arms, and each look runs the sequential test (valid however often one looks) to
 * promote the candidate, keep waiting, or roll back. Every start, stop and decision is audited. A release
 * label moves through the release service, so its gates apply and the move is recorded as a canary promotion.
 */
export class CanaryService {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly router?: CanaryRouter,
    private readonly releases?: ReleaseService,
  ) {
    this.audit = new AuditLog(store);
  }

  async start(projectId: string, input: StartCanaryInput, caller: AuditCaller): Promise<CanaryRecord> {
    if (Boolean(input.prompt) === Boolean(input.release)) {
      throw new SextantError(
        'bad_request',
        'name what the canary splits: either `prompt` or `release`, not both',
      );
    }
    const targetType = input.release ? 'release' : 'prompt';
    const name = (input.release ?? input.prompt) as string;
    const entry = await (targetType === 'release' ? this.store.releases : this.store.prompts).get(
      projectId,
      name,
    );
    if (!entry) throw new SextantError('not_found', `${targetType} '${name}' not found in this project`);
    const baselineVersion = entry.labels[input.label];
    if (baselineVersion === undefined) {
      throw new SextantError(
        'bad_request',
        `${targetType} '${name}' has no label '${input.label}' to split; labels: ${Object.keys(entry.labels).join(', ') || '(none)'}`,
      );
    }
    if (input.candidateVersion < 1 || input.candidateVersion > entry.latest.version) {
      throw new SextantError(
        'bad_request',
        `${targetType} '${name}' has no version ${input.candidateVersion}; its versions are 1 to ${entry.latest.version}`,
      );
    }
    if (input.candidateVersion === baselineVersion) {
      throw new SextantError(
        'bad_request',
        `label '${input.label}' already points at version ${baselineVersion}; a canary needs a different candidate version`,
      );
    }
    if (targetType === 'release') {
      // A candidate that could never be promoted should not serve users: its label's gates must pass first.
      await this.releaseMover().versions.labelGuard?.check(
        projectId,
        { name, label: input.label, toVersion: input.candidateVersion, reason: null, canary: 'start' },
        { apiKeyId: null },
      );
    }
    const outcome = await this.store.gates.createCanary(projectId, {
      id: `can_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      targetType,
      name,
      label: input.label,
      baselineVersion,
      candidateVersion: input.candidateVersion,
      share: input.share,
      stickyBy: input.stickyBy,
      score: input.score,
      margin: input.margin,
      alpha: input.alpha,
      minimumPerArm: input.minimumPerArm,
    });
    if (outcome.status === 'conflict') {
      throw new SextantError(
        'conflict',
        `canary ${outcome.running.id} already runs on ${targetType} ${name}@${input.label} (candidate version ${outcome.running.candidateVersion}); stop it first`,
      );
    }
    this.router?.invalidate();
    await this.audit.record(projectId, caller, {
      action: 'canary.start',
      targetType: 'canary',
      targetId: outcome.canary.id,
      after: {
        [targetType]: name,
        label: input.label,
        baselineVersion,
        candidateVersion: input.candidateVersion,
        share: input.share,
      },
    });
    return outcome.canary;
  }

  list(projectId: string) {
    return this.store.gates.listCanaries(projectId);
  }

  async get(projectId: string, id: string) {
    const canary = await this.store.gates.getCanary(projectId, id);
    if (!canary) throw new SextantError('not_found', `canary '${id}' not found in this project`);
    return { canary, decisions: await this.store.gates.listCanaryDecisions(projectId, id, 200) };
  }

  async stop(projectId: string, id: string, caller: AuditCaller) {
    const before = (await this.get(projectId, id)).canary;
    const after = await this.store.gates.stopCanary(projectId, id);
    this.router?.invalidate();
    if (before.status === 'running') {
      await this.audit.record(projectId, caller, {
        action: 'canary.stop',
        targetType: 'canary',
        targetId: id,
        before: { status: before.status },
        after: { status: after?.status },
      });
    }
    return after as CanaryRecord;
  }

  /** Looks at every running canary of the project once (what the 'canary.evaluate' job does). */
  async evaluateAll(projectId: string): Promise<CanaryEvidence[]> {
    const running = await this.store.gates.listCanaries(projectId, { status: 'running' });
    const looks: CanaryEvidence[] = [];
    for (const canary of running) looks.push(await this.evaluate(projectId, canary));
    return looks;
  }

  async evaluate(projectId: string, canary: CanaryRecord): Promise<CanaryEvidence> {
    const now = new Date();
    const series = await this.store.scores.scoreSeries(projectId, {
      name: canary.score,
      start: canary.createdAt,
      end: now,
      bucketSeconds: tenYearsSeconds,
      // Spans carry `prompt@version` (prompt canaries) and `sextant.release.id` = `release@version` (release ones).
      groupBy: canary.targetType,
    });
    const arm = (version: number): ArmSummary => {
      const points = series.filter((point) => point.group === `${canary.name}@${version}`);
      const count = points.reduce((total, point) => total + point.count, 0);
      const sum = points.reduce(
        (total, point) => total + Math.min(1, Math.max(0, point.mean)) * point.count,
        0,
      );
      // Only counts and means are stored per group; for scores in [0, 1], x² <= x, so the sum stands in for the
      // sum of squares: the variance used is the largest one these means allow, which keeps the test valid.
      return { count, sum, sumOfSquares: sum };
    };
    const baseline = arm(canary.baselineVersion);
    const candidate = arm(canary.candidateVersion);
    const tested =
      baseline.count === 0 || candidate.count === 0
        ? {
            decision: 'continue' as const,
            reason: `collecting: baseline ${baseline.count}, candidate ${candidate.count} of ${canary.minimumPerArm} scored per arm`,
            sequence: { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN, alpha: canary.alpha },
          }
        : decideCanary(baseline, candidate, {
            alpha: canary.alpha,
            margin: canary.margin,
            minimumPerArm: canary.minimumPerArm,
          });
    const decided = await this.heldByGates(projectId, canary, tested);
    const evidence: CanaryEvidence = {
      decision: decided.decision,
      reason: decided.reason,
      baseline: {
        version: canary.baselineVersion,
        count: baseline.count,
        mean: baseline.count ? baseline.sum / baseline.count : null,
      },
      candidate: {
        version: canary.candidateVersion,
        count: candidate.count,
        mean: candidate.count ? candidate.sum / candidate.count : null,
      },
      interval: {
        estimate: finiteOrNull(decided.sequence.estimate),
        lower: finiteOrNull(decided.sequence.lower),
        upper: finiteOrNull(decided.sequence.upper),
        alpha: canary.alpha,
      },
      evaluatedAt: now.toISOString(),
    };
    const previous = (canary.lastDecision as CanaryEvidence | null)?.decision;
    const recorded = await this.store.gates.recordCanaryDecision(projectId, canary.id, {
      decision: evidence.decision,
      evidence,
    });
    if (recorded?.ended) await this.finish(projectId, canary, evidence);
    else if (recorded && evidence.decision !== previous) {
      // Every look is kept with the canary; the audit log gets each change of decision, not every minute's look.
      await this.audit.record(projectId, 'system', {
        action: `canary.${evidence.decision}`,
        targetType: 'canary',
        targetId: canary.id,
        after: evidence,
      });
    }
    return evidence;
  }

  /** Acts on a final decision once: promote moves the label to the candidate; rollback leaves it on the baseline. */
  private async finish(projectId: string, canary: CanaryRecord, evidence: CanaryEvidence) {
    this.router?.invalidate();
    if (evidence.decision === 'promote' && canary.targetType === 'release') {
      await this.releaseMover().versions.moveLabel(
        projectId,
        {
          name: canary.name,
          label: canary.label,
          toVersion: canary.candidateVersion,
          reason: `canary ${canary.id}: ${evidence.reason}`,
          canary: canary.id,
        },
        { apiKeyId: null, user: `canary ${canary.id}` },
      );
    } else if (evidence.decision === 'promote') {
      await this.store.prompts.moveLabel(projectId, {
        name: canary.name,
        label: canary.label,
        toVersion: canary.candidateVersion,
        actor: { user: `canary ${canary.id}`, apiKeyId: null, apiKeyName: null },
      });
    }
    await this.audit.record(projectId, 'system', {
      action: evidence.decision === 'promote' ? 'canary.promote' : 'canary.rollback',
      targetType: 'canary',
      targetId: canary.id,
      before: { label: canary.label, version: canary.baselineVersion },
      after: {
        label: canary.label,
        version: evidence.decision === 'promote' ? canary.candidateVersion : canary.baselineVersion,
        evidence,
      },
    });
  }

  /**
   * A promotion the release label's gates would refuse becomes 'continue' with the reason: the candidate keeps
   * its share until its gate runs pass (or someone stops the canary), instead of ending promoted but unmoved.
   */
  private async heldByGates<D extends { decision: CanaryEvidence['decision']; reason: string }>(
    projectId: string,
    canary: CanaryRecord,
    decided: D,
  ): Promise<D> {
    if (decided.decision !== 'promote' || canary.targetType !== 'release') return decided;
    try {
      await this.releaseMover().versions.labelGuard?.check(
        projectId,
        {
          name: canary.name,
          label: canary.label,
          toVersion: canary.candidateVersion,
          reason: null,
          canary: canary.id,
        },
        { apiKeyId: null },
      );
      return decided;
    } catch (error) {
      if (!(error instanceof SextantError) || error.code !== 'conflict') throw error;
      return { ...decided, decision: 'continue', reason: `${decided.reason}; held: ${error.message}` } as D;
    }
  }

  private releaseMover(): ReleaseService {
    if (!this.releases)
      throw new Error('CanaryService needs the release service for canaries on release labels');
    return this.releases;
  }
}
