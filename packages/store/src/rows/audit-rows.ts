import type { AppendAuditInput, AuditEntry } from '../audit-store.js';

export interface AuditRow {
  id: number;
  project_id: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  created_at: number;
}

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  projectId: row.project_id,
  actor: row.actor,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  before: row.before === null ? null : JSON.parse(row.before),
  after: row.after === null ? null : JSON.parse(row.after),
  createdAt: new Date(row.created_at),
});

const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Values for `(project_id, actor, action, target_type, target_id, before, after, created_at)`. */
export const auditEntryValues = (input: AppendAuditInput, createdAt: number) => [
  input.projectId,
  input.actor,
  input.action,
  input.targetType,
  input.targetId,
  toJson(input.before),
  toJson(input.after),
  createdAt,
];
