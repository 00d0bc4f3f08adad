import { randomUUID } from 'node:crypto';
import { SextantError } from '@sextant/core';
import type { GateRunRecord, LabelGate, PromotionRecord, ReleaseRef, Store } from '@sextant/store';
import { type AuditCaller, AuditLog } from './audit-log.js';
import type { Caller, LabelMove, LabelMoveGuard } from './versioned-registry-service.js';

/** A gate run as `sextant eval --record` sends it. */
export interface RecordGateRunInput {
  suite: string;
  release?: ReleaseRef;
  status: GateRunRecord['status'];
  dataset?: string;
  baseline?: string;
  experimentId?: string;
  verdict: unknown;
  results: unknown;
}

/**
 * Deploy's gates: stored gate runs, the suites each release label requires, promotion through those gates
 * (or an audited override with a reason), rollback, and the history of every gated move.
 */
export class GateService implements LabelMoveGuard {
  private readonly audit: AuditLog;

  constructor(private readonly store: Store) {
    this.audit = new AuditLog(store);
  }

  async recordRun(projectId: string, input: RecordGateRunInput, caller: AuditCaller): Promise<GateRunRecord> {
    if (input.release) await this.requireReleaseVersion(projectId, input.release.name, input.release.version);
    const run = await this.store.gates.putRun(projectId, {
      id: `gr_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
      suite: input.suite,
      release: input.release ?? null,
      status: input.status,
      dataset: input.dataset ?? null,
      baseline: input.baseline ?? null,
      experimentId: input.experimentId ?? null,
      verdict: input.verdict,
      results: input.results,
      actor: await this.audit.actor(projectId, caller),
    });
    await this.audit.record(projectId, caller, {
      action: 'gate_run.record',
      targetType: 'gate_run',
      targetId: run.id,
      after: {
        suite: run.suite,
        release: run.release,
        status: run.status,
        dataset: run.dataset,
        // Quarantined items are left out of every gate; the log keeps who ran with which exclusions.
        quarantined: (input.verdict as { quarantined?: unknown }).quarantined ?? [],
      },
    });
    return run;
  }

  listRuns(projectId: string, query: Parameters<Store['gates']['listRuns']>[1]) {
    return this.store.gates.listRuns(projectId, query);
  }

  async getRun(projectId: string, id: string): Promise<GateRunRecord> {
    const run = await this.store.gates.getRun(projectId, id);
    if (!run)
      throw new SextantError(
        'not_found',
        `gate run '${id}' not found in this project; list them with GET /api/gate-runs`,
      );
    return run;
  }

  /** The newest gate run of a suite on the version a release label points at: a CI baseline. */
  async baseline(projectId: string, releaseName: string, label: string, suite: string) {
    const entry = await this.store.releases.get(projectId, releaseName);
    const version = entry?.labels[label];
    if (!entry || version === undefined) {
      throw new SextantError(
        'not_found',
        `release '${releaseName}' has no label '${label}'${entry ? `; labels: ${Object.keys(entry.labels).join(', ') || '(none)'}` : ''}; nothing to compare with yet`,
      );
    }
    const [newest] = await this.store.gates.listRuns(projectId, {
      releaseName,
      releaseVersion: version,
      suite,
      limit: 1,
    });
    const run = newest ? await this.store.gates.getRun(projectId, newest.id) : null;
    if (!run) {
      throw new SextantError(
        'not_found',
        `no gate run of suite '${suite}' for ${releaseName}@${version} (label '${label}'); run \`sextant eval --record\` against it first, or use baseline: { results: FILE }`,
      );
    }
    return { gateRunId: run.id, release: { name: releaseName, version }, results: run.results };
  }

  async setLabelGate(
    projectId: string,
    input: { releaseName: string; label: string; suites: string[] },
    caller: AuditCaller,
  ) {
    await this.requireRelease(projectId, input.releaseName);
    const before = (await this.store.gates.listLabelGates(projectId, input.releaseName)).find(
      (gate) => gate.label === input.label,
    );
    const after = await this.store.gates.setLabelGate(projectId, input);
    await this.audit.record(projectId, caller, {
      action: after ? 'release.gate.set' : 'release.gate.remove',
      targetType: 'release',
      targetId: input.releaseName,
      before: before ? { label: before.label, suites: before.suites } : null,
      after: after ? { label: after.label, suites: after.suites } : null,
    });
    return after;
  }

  listLabelGates(projectId: string, releaseName?: string): Promise<LabelGate[]> {
    return this.store.gates.listLabelGates(projectId, releaseName);
  }

  listPromotions(projectId: string, releaseName: string, label?: string): Promise<PromotionRecord[]> {
    return this.store.gates.listPromotions(projectId, { releaseName, label });
  }

  /**
   * Refuses a release label move unless, for every suite the label requires, the newest gate run of that
   * suite on the target version passed; a reason turns the refusal into an audited override.
   */
  async check(
    projectId: string,
    move: {
      name: string;
      label: string;
      toVersion: number | null;
      reason: string | null;
      canary?: string | null;
    },
    caller: Caller,
  ): Promise<((moved: LabelMove) => Promise<void>) | undefined> {
    if (move.toVersion === null) return undefined;
    const gate = (await this.store.gates.listLabelGates(projectId, move.name)).find(
      (entry) => entry.label === move.label,
    ) ?? { suites: [] as string[] };
    if (gate.suites.length === 0 && !move.canary) return undefined;
    const toVersion = move.toVersion;
    const checks = await Promise.all(
      gate.suites.map(async (suite) => {
        const [newest] = await this.store.gates.listRuns(projectId, {
          releaseName: move.name,
          releaseVersion: toVersion,
          suite,
          limit: 1,
        });
        return { suite, run: newest };
      }),
    );
    const missing = checks.filter((check) => check.run?.status !== 'passed');
    const gateRunIds = checks.flatMap((check) => (check.run ? [check.run.id] : []));
    if (missing.length > 0 && (!move.reason || move.canary)) {
      const detail = missing
        .map((check) =>
          check.run
            ? `'${check.suite}' ${check.run.status} (gate run ${check.run.id})`
            : `'${check.suite}' has no gate run`,
        )
        .join('; ');
      throw new SextantError(
        'conflict',
        `release '${move.name}' version ${toVersion} cannot take label '${move.label}': its gates have not passed for this version: ${detail}. ` +
          (move.canary
            ? `A canary cannot override gates: run \`sextant eval --record\` against ${move.name}@${toVersion}`
            : `Run \`sextant eval --record\` against ${move.name}@${toVersion}, or override with a reason (body field "reason"; audited)`),
      );
    }
    const kind = move.canary ? 'canary' : missing.length > 0 ? 'override' : 'promote';
    return async (moved) => {
      const actor = await this.audit.actor(projectId, caller);
      await this.store.gates.appendPromotion(projectId, {
        releaseName: move.name,
        label: move.label,
        fromVersion: moved.previousVersion,
        toVersion,
        kind,
        reason: move.reason,
        gateRunIds,
        actor,
      });
      await this.audit.record(projectId, caller, {
        action: `release.label.${kind}`,
        targetType: 'release',
        targetId: move.name,
        before: { label: move.label, version: moved.previousVersion },
        after: {
          label: move.label,
          version: toVersion,
          gateRunIds,
          reason: move.reason,
          failedSuites: missing.map((check) => check.suite),
        },
      });
    };
  }

  /**
   * Moves a label back to the version it pointed at before its last move (no gate check: that version was
   * live before); recorded as a rollback with its reason.
   */
  async rollback(
    projectId: string,
    input: { releaseName: string; label: string; reason: string },
    caller: Caller,
    moveLabel: (toVersion: number, expectedVersion: number) => Promise<LabelMove>,
  ): Promise<LabelMove> {
    const entry = await this.requireRelease(projectId, input.releaseName);
    const current = entry.labels[input.label];
    if (current === undefined) {
      throw new SextantError(
        'not_found',
        `release '${input.releaseName}' has no label '${input.label}' to roll back`,
      );
    }
    const events = await this.store.releases.listLabelEvents(projectId, input.releaseName, { limit: 1000 });
    const last = events.find((event) => event.label === input.label && event.toVersion === current);
    const previous = last?.fromVersion ?? null;
    if (previous === null) {
      throw new SextantError(
        'conflict',
        `label '${input.label}' of release '${input.releaseName}' has no earlier version to roll back to (it was first set to ${current})`,
      );
    }
    const moved = await moveLabel(previous, current);
    const actor = await this.audit.actor(projectId, caller);
    await this.store.gates.appendPromotion(projectId, {
      releaseName: input.releaseName,
      label: input.label,
      fromVersion: current,
      toVersion: previous,
      kind: 'rollback',
      reason: input.reason,
      gateRunIds: [],
      actor,
    });
    await this.audit.record(projectId, caller, {
      action: 'release.label.rollback',
      targetType: 'release',
      targetId: input.releaseName,
      before: { label: input.label, version: current },
      after: { label: input.label, version: previous, reason: input.reason },
    });
    return moved;
  }

  private async requireRelease(projectId: string, name: string) {
    const entry = await this.store.releases.get(projectId, name);
    if (!entry)
      throw new SextantError(
        'not_found',
        `release '${name}' not found in this project; create it with \`sextant releases create\``,
      );
    return entry;
  }

  private async requireReleaseVersion(projectId: string, name: string, version: number) {
    const entry = await this.requireRelease(projectId, name);
    if (version > entry.latest.version || version < 1) {
      throw new SextantError(
        'bad_request',
        `release '${name}' has no version ${version}; its versions are 1 to ${entry.latest.version}`,
      );
    }
  }
}
