import { type CanaryArm, canaryArm } from '@sextant/core/gates';
import type { CanaryRecord, Store } from '@sextant/store';

/** Where a canary sent one request: the arm, and the prompt or release version that arm serves. */
export interface CanaryRoute {
  canaryId: string;
  arm: CanaryArm;
  version: number;
}

/** The label a canary splits: a prompt's (`prompt:NAME@LABEL`) or a release's (`release:NAME@LABEL`). */
export interface CanaryTarget {
  type: CanaryRecord['targetType'];
  name: string;
  label: string;
}

const keyOf = (projectId: string, target: CanaryTarget) =>
  `${projectId}\u0000${target.type}\u0000${target.name}\u0000${target.label}`;

/**
 * Routes `prompt:NAME@LABEL` and `release:NAME@LABEL` calls of a running canary to its arms. Keeps the hot path to one map lookup and
 * one hash: running canaries are read from the store at most every `refreshMs` (default 2 s), in the background,
 * so starting or ending a canary reaches every server process within that time.
 */
export class CanaryRouter {
  private canaries = new Map<string, CanaryRecord>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  /** Grows on every invalidation; a view read before the newest invalidation is stale. */
  private generation = 1;
  private loadedGeneration = 0;

  constructor(
    private readonly store: Store,
    private readonly refreshMs = 2000,
  ) {}

  /** `keys.fallback` (e.g. the span id) is used when the request has no id of the canary's sticky kind. */
  async route(
    projectId: string,
    target: CanaryTarget,
    keys: { userId: string | null; sessionId: string | null; fallback: string },
  ): Promise<CanaryRoute | null> {
    if (this.loadedGeneration !== this.generation)
      await this.refresh(); // first or invalidated view: wait
    else if (Date.now() - this.loadedAt > this.refreshMs) void this.refresh().catch(() => {}); // keep the last view
    const canary = this.canaries.get(keyOf(projectId, target));
    if (!canary) return null;
    const stickyKey = (canary.stickyBy === 'session' ? keys.sessionId : keys.userId) ?? keys.fallback;
    const arm = canaryArm(canary.id, stickyKey, canary.share);
    return {
      canaryId: canary.id,
      arm,
      version: arm === 'candidate' ? canary.candidateVersion : canary.baselineVersion,
    };
  }

  /** Makes the next call wait for a read that starts after now (after a canary starts or ends in this process). */
  invalidate(): void {
    this.generation += 1;
  }

  /** Waits for a read begun after the newest invalidation; a read already in flight may predate it. */
  private async refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    await this.loading;
    if (this.loadedGeneration !== this.generation) await this.refresh();
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const running = await this.store.gates.listRunningCanaries();
    this.canaries = new Map(
      running.map((canary) => [
        keyOf(canary.projectId, { type: canary.targetType, name: canary.name, label: canary.label }),
        canary,
      ]),
    );
    this.loadedAt = Date.now();
    this.loadedGeneration = generation;
  }
}
