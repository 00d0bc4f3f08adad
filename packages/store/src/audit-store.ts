/** One recorded change: who did what to which object, with the object before and after. */
export interface AuditEntry {
  /** Grows with every append in a project; the paging cursor. */
  id: number;
  projectId: string;
  /** The API key's name and id ("key 'ci' (k_1)"), or 'system' for background jobs. */
  actor: string;
  /** What happened, e.g. 'prompt.version.create', 'label.move', 'api_key.revoke'. */
  action: string;
  /** The kind of object changed, e.g. 'prompt', 'release', 'api_key', 'alert_rule'. */
  targetType: string;
  targetId: string;
  /** JSON-serialisable state before the change; null when the object did not exist. Never holds secrets. */
  before: unknown;
  /** JSON-serialisable state after the change; null when the object was removed. */
  after: unknown;
  createdAt: Date;
}

export interface AppendAuditInput {
  projectId: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  targetType?: string;
  targetId?: string;
  action?: string;
  actor?: string;
  since?: Date;
  until?: Date;
  /** Only entries older than this id (the previous page's last id). */
  before?: number;
  /** Default 50, at most 1000. */
  limit?: number;
}

/** The append-only audit log of changes, newest first when listed. */
export interface AuditStore {
  append(input: AppendAuditInput): Promise<void>;
  /** Newest first; page with `before` = the last id of the previous page. */
  list(projectId: string, query?: AuditQuery): Promise<AuditEntry[]>;
}
