import type { JobRecord } from '../job-store.js';

export interface JobRow {
  id: string;
  project_id: string;
  kind: string;
  payload: string;
  status: JobRecord['status'];
  dedupe_key: string | null;
  attempts: number;
  max_attempts: number;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export const toJob = (row: JobRow): JobRecord => ({
  id: row.id,
  projectId: row.project_id,
  kind: row.kind,
  payload: JSON.parse(row.payload),
  status: row.status,
  dedupeKey: row.dedupe_key,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: new Date(row.run_at),
  leaseOwner: row.lease_owner,
  leaseExpiresAt: row.lease_expires_at === null ? null : new Date(row.lease_expires_at),
  lastError: row.last_error,
  createdAt: new Date(row.created_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
});
