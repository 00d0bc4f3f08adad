import type { ApiKeyRecord, Project } from '../store.js';

export interface ProjectRow {
  id: string;
  name: string;
  created_at: number;
}
export interface ApiKeyRow {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export const toProject = (row: ProjectRow): Project => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.created_at),
});
export const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  prefix: row.prefix,
  keyHash: row.key_hash,
  createdAt: new Date(row.created_at),
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
});
