import { labelNameSchema, latestLabel, SextantError, suggestName, type VersionSelector } from '@sextant/core';
import type {
  Actor,
  LabelEvent,
  RegistryEntry,
  Store,
  VersionedRegistry,
  VersionRecord,
} from '@sextant/store';
import { AuditLog } from './audit-log.js';

/** Who calls: the authenticated key, and optionally the person or tool it acts for. */
export interface Caller {
  apiKeyId: string | null;
  /** Self-reported (a CLI's git user, a CI job name); kept beside the key in the audit log. */
  user?: string | null;
}

/** A version with the labels pointing at it (`latest` included when it is the newest). */
export interface LabelledVersion<D> {
  record: VersionRecord<D>;
  labels: string[];
}

/** The outcome of a label move, for the API and CLI. */
export interface LabelMove {
  name: string;
  label: string;
  status: 'moved' | 'unchanged';
  version: number | null;
  previousVersion: number | null;
  labels: Record<string, number>;
}

/**
 * Checks a label move before it happens (throws to refuse it) and returns what to record once it happened;
 * releases use it for gated promotion.
 */
export interface LabelMoveGuard {
  check(
    projectId: string,
    move: {
      name: string;
      label: string;
      toVersion: number | null;
      reason: string | null;
      /** The canary whose sequential test moves the label; it must pass the gates, never override them. */
      canary?: string | null;
    },
    caller: Caller,
  ): Promise<((move: LabelMove) => Promise<void>) | undefined>;
}

/**
 * What prompts and releases share above the store: reading by label or version, moving labels with
 * optimistic concurrency, and errors that say what exists and what to do.
 */
export class VersionedRegistryService<D> {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    readonly registry: VersionedRegistry<D>,
    /** `prompt` or `release`, for messages. */
    private readonly kind: string,
    /** How to create one, for messages: "`sextant prompts push`". */
    private readonly createHint: string,
  ) {
    this.audit = new AuditLog(store);
  }

  /** Set by services whose labels are gated (releases). */
  labelGuard: LabelMoveGuard | undefined;

  /** Audits a new version (an unchanged one is not a change) and the label moves that came with it. */
  async auditCreate(
    projectId: string,
    caller: Caller,
    outcome: { status: 'created' | 'unchanged'; version: VersionRecord<D>; labelEvents: LabelEvent[] },
  ): Promise<void> {
    const { version } = outcome;
    if (outcome.status === 'created') {
      await this.audit.record(projectId, caller, {
        action: `${this.kind}.version.create`,
        targetType: this.kind,
        targetId: `${version.name}@${version.version}`,
        after: {
          version: version.version,
          commitMessage: version.commitMessage,
          definition: version.definition,
        },
      });
    }
    for (const event of outcome.labelEvents) await this.auditLabelEvent(projectId, caller, event);
  }

  private auditLabelEvent(projectId: string, caller: Caller, event: LabelEvent): Promise<void> {
    return this.audit.record(projectId, caller, {
      action: `${this.kind}.label.move`,
      targetType: this.kind,
      targetId: event.name,
      before: event.fromVersion === null ? null : { label: event.label, version: event.fromVersion },
      after: event.toVersion === null ? null : { label: event.label, version: event.toVersion },
    });
  }

  async actor(projectId: string, caller: Caller): Promise<Actor> {
    const keys = caller.apiKeyId ? await this.store.listApiKeys(projectId) : [];
    const key = keys.find((candidate) => candidate.id === caller.apiKeyId);
    const user = caller.user?.trim().slice(0, 200) || null;
    return { user, apiKeyId: caller.apiKeyId, apiKeyName: key?.name ?? null };
  }

  async requireEntry(projectId: string, name: string): Promise<RegistryEntry<D>> {
    const entry = await this.registry.get(projectId, name);
    if (entry) return entry;
    const names = (await this.registry.list(projectId)).map((candidate) => candidate.name);
    const close = suggestName(name, names);
    const known =
      names.length > 0
        ? `${this.kind}s: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}`
        : `no ${this.kind}s yet`;
    throw new SextantError(
      'not_found',
      `${this.kind} '${name}' not found in this project${close ? ` (did you mean '${close}'?)` : ''}; ${known}. Create one with ${this.createHint}`,
    );
  }

  /** The version a label or number selects, with the labels on it. */
  async select(projectId: string, name: string, selector: VersionSelector): Promise<LabelledVersion<D>> {
    const entry = await this.requireEntry(projectId, name);
    const version = 'version' in selector ? selector.version : this.labelTarget(entry, selector.label);
    const record =
      version === entry.latest.version
        ? entry.latest
        : await this.registry.getVersion(projectId, name, version);
    if (!record) {
      throw new SextantError(
        'not_found',
        `${this.kind} '${name}' has no version ${version}; its versions are 1 to ${entry.latest.version}`,
      );
    }
    return { record, labels: labelsOn(entry, version) };
  }

  /** Reads a selector written as text: a version number, a label, or `latest`. */
  parseSelector(text: string): VersionSelector {
    if (/^\d+$/.test(text)) return { version: Number(text) };
    return { label: text };
  }

  private labelTarget(entry: RegistryEntry<D>, label: string): number {
    if (label === latestLabel) return entry.latest.version;
    const version = entry.labels[label];
    if (version !== undefined) return version;
    const close = suggestName(label, Object.keys(entry.labels));
    throw new SextantError(
      'not_found',
      `${this.kind} '${entry.name}' has no label '${label}'${close ? ` (did you mean '${close}'?)` : ''}; labels: ${describeLabels(entry)}. ` +
        `Move one with \`sextant ${this.kind}s label ${entry.name} ${label} VERSION\`, or ask for a version`,
    );
  }

  async listVersions(projectId: string, name: string, options: { limit?: number; beforeVersion?: number }) {
    const entry = await this.requireEntry(projectId, name);
    const records = await this.registry.listVersions(projectId, name, options);
    return records.map((record) => ({ record, labels: labelsOn(entry, record.version) }));
  }

  async listLabelEvents(projectId: string, name: string, limit?: number): Promise<LabelEvent[]> {
    await this.requireEntry(projectId, name);
    return this.registry.listLabelEvents(projectId, name, { limit });
  }

  /** Checks a label can be moved by hand: valid, and not the read-only `latest`. */
  checkMovableLabel(label: string): void {
    if (label === latestLabel) {
      throw new SextantError(
        'bad_request',
        `'${latestLabel}' always points at the newest version and cannot be moved; pick another label`,
      );
    }
    const checked = labelNameSchema.safeParse(label);
    if (!checked.success)
      throw new SextantError('bad_request', `label '${label}': ${checked.error.issues[0]?.message}`);
  }

  /**
   * Moves (or with `toVersion` null, removes) a label. With `expectedVersion` the move only happens when
   * the label still points where the caller saw it; otherwise 409 with where it points now.
   */
  async moveLabel(
    projectId: string,
    input: {
      name: string;
      label: string;
      toVersion: number | null;
      expectedVersion?: number | null;
      /** Why; a gated label needs one to move without passing gates (an audited override). */
      reason?: string | null;
      /** A rollback to the label's previous version, which the caller records itself; skips the guard. */
      rollback?: boolean;
      /** The canary that promotes (recorded as a canary promotion; gates still apply). */
      canary?: string | null;
    },
    caller: Caller,
  ): Promise<LabelMove> {
    this.checkMovableLabel(input.label);
    const { reason = null, rollback = false, canary = null, ...move } = input;
    const afterMove = rollback
      ? undefined
      : await this.labelGuard?.check(projectId, { ...move, reason, canary }, caller);
    const actor = await this.actor(projectId, caller);
    const outcome = await this.registry.moveLabel(projectId, { ...move, actor });
    const { name, label } = input;
    if (outcome.status === 'not_found') {
      const entry = await this.requireEntry(projectId, name);
      throw new SextantError(
        'not_found',
        outcome.missing === 'version'
          ? `${this.kind} '${name}' has no version ${input.toVersion}; its versions are 1 to ${entry.latest.version}`
          : `${this.kind} '${name}' has no label '${label}' to remove; labels: ${describeLabels(entry)}`,
      );
    }
    if (outcome.status === 'conflict') {
      const [last] = await this.registry.listLabelEvents(projectId, name, { limit: 1 });
      const where =
        outcome.currentVersion === null ? 'does not exist' : `points at version ${outcome.currentVersion}`;
      const expected = input.expectedVersion === null ? 'absent' : `at version ${input.expectedVersion}`;
      const by =
        last && last.label === label
          ? ` (last moved by ${describeActor(last.actor)} at ${last.createdAt.toISOString()})`
          : '';
      throw new SextantError(
        'conflict',
        `label '${label}' of ${this.kind} '${name}' ${where}, not ${expected} as you expected${by}; ` +
          `current labels: ${describeLabelRecord(outcome.labels)}. Nothing was changed: re-read and retry`,
      );
    }
    if (outcome.event) await this.auditLabelEvent(projectId, caller, outcome.event);
    const previousVersion = outcome.event ? outcome.event.fromVersion : input.toVersion;
    const moved: LabelMove = {
      name,
      label,
      status: outcome.status,
      version: input.toVersion,
      previousVersion,
      labels: outcome.labels,
    };
    if (moved.status === 'moved') await afterMove?.(moved);
    return moved;
  }

  /** The 409 for a create whose expected newest version is stale. */
  async staleCreate(
    projectId: string,
    name: string,
    expected: number | null,
    latest: number | null,
  ): Promise<never> {
    const entry = latest === null ? null : await this.registry.get(projectId, name);
    const now = entry
      ? `the newest is version ${entry.latest.version} (by ${describeActor(entry.latest.createdBy)} at ${entry.latest.createdAt.toISOString()})`
      : 'it does not exist';
    throw new SextantError(
      'conflict',
      `${this.kind} '${name}' changed meanwhile: you expected ${expected === null ? 'a new name' : `version ${expected} to be the newest`}, but ${now}. ` +
        'Nothing was saved: compare with the newest version, then send again',
    );
  }
}

/** The labels on `version` of an entry, `latest` included when it is the newest. */
export function labelsOn(entry: RegistryEntry<unknown>, version: number): string[] {
  const labels = Object.entries(entry.labels)
    .filter(([, target]) => target === version)
    .map(([label]) => label);
  if (entry.latest.version === version) labels.push(latestLabel);
  return labels;
}

export function describeActor(actor: Actor): string {
  const key = actor.apiKeyName
    ? `key '${actor.apiKeyName}'`
    : actor.apiKeyId
      ? `key ${actor.apiKeyId}`
      : 'local CLI';
  return actor.user ? `${actor.user} via ${key}` : key;
}

function describeLabels(entry: RegistryEntry<unknown>): string {
  return `${describeLabelRecord(entry.labels)}${Object.keys(entry.labels).length > 0 ? ', ' : ''}latest=${entry.latest.version}`;
}

const describeLabelRecord = (labels: Record<string, number>) =>
  Object.entries(labels)
    .map(([label, version]) => `${label}=${version}`)
    .join(', ') || '(none)';
