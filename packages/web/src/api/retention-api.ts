import type { ApiClient } from './api-client';

// Typed calls of /api/retention and the retention entries of /api/audit.

export interface RetentionSetting {
  /** Traces, scores and finished jobs older than this many days are deleted; null keeps everything. */
  days: number | null;
  updatedAt: string | null;
}

export interface RetentionAuditEntry {
  id: number;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export const getRetention = (client: ApiClient, signal?: AbortSignal) =>
  client.send<RetentionSetting>('GET', '/api/retention', { signal });

export const setRetention = (client: ApiClient, days: number | null) =>
  client.send<RetentionSetting>('PUT', '/api/retention', { body: { days } });

export const listRetentionHistory = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ entries: RetentionAuditEntry[] }>('GET', '/api/audit', {
    query: { targetType: 'retention', limit: 20 },
    signal,
  });
