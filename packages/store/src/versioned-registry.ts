/** Who made a change: the authenticated API key, and the person or tool it says it acts for. */
export interface Actor {
  /** Free text the client sends (a CLI user, a CI job); not authenticated. */
  user: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

/** One immutable version of a named prompt or release. */
export interface VersionRecord<D> {
  name: string;
  /** 1, 2, 3... per name. */
  version: number;
  definition: D;
  /** Identity of the content (see `contentHash` in core): equal content, equal hash. */
  contentHash: string;
  commitMessage: string | null;
  createdBy: Actor;
  createdAt: Date;
}

/** A named prompt or release: its newest version and where its labels point. */
export interface RegistryEntry<D> {
  name: string;
  latest: VersionRecord<D>;
  /** Label name to version number. */
  labels: Record<string, number>;
  createdAt: Date;
  updatedAt: Date;
}

/** One move of a label, as kept in the audit log; null versions mean the label did not exist / was removed. */
export interface LabelEvent {
  id: number;
  name: string;
  label: string;
  fromVersion: number | null;
  toVersion: number | null;
  actor: Actor;
  createdAt: Date;
}

export interface CreateVersionInput<D> {
  name: string;
  definition: D;
  contentHash: string;
  commitMessage: string | null;
  actor: Actor;
  /**
   * Optimistic concurrency: the newest version the client saw (null: it expects the name to be new).
   * When it differs from the newest version stored, nothing is written and the outcome is a conflict.
   * Undefined skips the check.
   */
  expectedLatestVersion?: number | null;
  /** Labels moved to the resulting version in the same transaction (each move is logged). */
  labels?: readonly string[];
}

export type CreateVersionOutcome<D> =
  | {
      /** `unchanged`: the content hash equals the newest version's, so no version was created. */
      status: 'created' | 'unchanged';
      version: VersionRecord<D>;
      labelEvents: LabelEvent[];
    }
  | { status: 'conflict'; latestVersion: number | null };

export interface MoveLabelInput {
  name: string;
  label: string;
  /** The version the label should point at; null removes the label. */
  toVersion: number | null;
  /** Optimistic concurrency: where the client saw the label (null: absent). Undefined skips the check. */
  expectedVersion?: number | null;
  actor: Actor;
}

export type MoveLabelOutcome =
  | { status: 'moved' | 'unchanged'; event: LabelEvent | null; labels: Record<string, number> }
  | { status: 'conflict'; currentVersion: number | null; labels: Record<string, number> }
  | { status: 'not_found'; missing: 'name' | 'version' | 'label' };

/**
 * Named, immutably versioned definitions with movable, audited labels: what prompts and releases share.
 * Every write is atomic, including across processes; concurrent writers never lose an update.
 */
export interface VersionedRegistry<D> {
  /** Every name in the project, sorted by name. */
  list(projectId: string): Promise<RegistryEntry<D>[]>;
  get(projectId: string, name: string): Promise<RegistryEntry<D> | null>;
  getVersion(projectId: string, name: string, version: number): Promise<VersionRecord<D> | null>;
  /** Newest first; `beforeVersion` pages backwards. */
  listVersions(
    projectId: string,
    name: string,
    options?: { limit?: number; beforeVersion?: number },
  ): Promise<VersionRecord<D>[]>;
  /** Adds a version unless the content equals the newest one; moves `labels` to the result. */
  createVersion(projectId: string, input: CreateVersionInput<D>): Promise<CreateVersionOutcome<D>>;
  moveLabel(projectId: string, input: MoveLabelInput): Promise<MoveLabelOutcome>;
  /** Label moves of one name, newest first. */
  listLabelEvents(projectId: string, name: string, options?: { limit?: number }): Promise<LabelEvent[]>;
}
