import type { AuditEntry, AuditQuery, Store } from '@sextant/store';

/** Who changes something: the request's API key (and the person it says it acts for), or a background job. */
export type AuditCaller = { apiKeyId: string | null; user?: string | null } | 'system';

/** One change to record; `before`/`after` are the object's state (null when absent), secrets are dropped. */
export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

// Field names whose values are credentials or their derivatives, whatever their text looks like.
const secretField =
  /^(?:apiKey|api_key|key|keyHash|key_hash|ciphertext|secret|password|token|authorization|credential|credentials|headers)$/i;

/**
 * Copies a value for the audit log without credentials: fields named like secrets become '[secret]'.
 * Dates become ISO strings so entries read the same from every store.
 */
export function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (depth > 20 || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    copy[field] = secretField.test(field) && inner !== null ? '[secret]' : withoutSecrets(inner, depth + 1);
  }
  return copy;
}

/**
 * Records who changed what, when, with before and after; the one way services write `store.audit`.
 * @example await audit.record(projectId, { apiKeyId }, { action: 'api_key.revoke', targetType: 'api_key', targetId: id, before: key })
 */
export class AuditLog {
  constructor(private readonly store: Store) {}

  async record(projectId: string, caller: AuditCaller, change: AuditChange): Promise<void> {
    await this.store.audit.append({
      projectId,
      actor: await this.actor(projectId, caller),
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: withoutSecrets(change.before),
      after: withoutSecrets(change.after),
    });
  }

  list(projectId: string, query: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.store.audit.list(projectId, query);
  }

  /** "key 'ci' (k_1)", "alice via key 'ci' (k_1)", 'system', or 'local admin' (the CLI on the store file). */
  async actor(projectId: string, caller: AuditCaller): Promise<string> {
    if (caller === 'system') return 'system';
    let key: string | null = null;
    if (caller.apiKeyId) {
      const record = (await this.store.listApiKeys(projectId)).find((item) => item.id === caller.apiKeyId);
      key = record ? `key '${record.name}' (${record.id})` : `key ${caller.apiKeyId}`;
    }
    const user = caller.user?.trim().slice(0, 200) || null;
    return user && key ? `${user} via ${key}` : (user ?? key ?? 'local admin');
  }
}
