import type { ApiClient } from './api-client';

// Typed calls of /api/alerts, /api/audit, /api/settings/redaction and the lineage endpoints.

export type AlertMetric = 'error_rate' | 'latency' | 'cost' | 'volume' | 'score' | 'drift';

export interface AlertRuleInput {
  name: string;
  description?: string;
  enabled?: boolean;
  condition: {
    metric: AlertMetric;
    percentile?: 'p50' | 'p95' | 'p99';
    scoreName?: string;
    statistic?: 'mean' | 'pass_rate';
    monitorId?: string;
  };
  comparator: 'above' | 'below';
  threshold: number;
  windowMinutes: number;
  groupBy: string;
  minSamples: number;
  cooldownMinutes: number;
  webhooks: { url: string }[];
}

export interface AlertRule {
  id: string;
  name: string;
  definition: Required<AlertRuleInput>;
  openAlerts: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertEvent {
  id: string;
  ruleId: string;
  ruleName: string | null;
  groupKey: string;
  status: 'open' | 'resolved';
  value: number | null;
  threshold: number | null;
  summary: string;
  firedAt: string;
  resolvedAt: string | null;
}

export interface AlertDelivery {
  id: string;
  kind: 'fired' | 'resolved' | 'test';
  url: string;
  attempt: number;
  status: 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
  createdAt: string;
}

export const listAlertRules = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ rules: AlertRule[] }>('GET', '/api/alerts/rules', { signal });
export const createAlertRule = (client: ApiClient, rule: AlertRuleInput) =>
  client.send<AlertRule>('POST', '/api/alerts/rules', { body: rule });
export const updateAlertRule = (client: ApiClient, name: string, rule: AlertRuleInput) =>
  client.send<AlertRule>('PUT', `/api/alerts/rules/${encodeURIComponent(name)}`, { body: rule });
export const deleteAlertRule = (client: ApiClient, name: string) =>
  client.send<null>('DELETE', `/api/alerts/rules/${encodeURIComponent(name)}`);
export const testAlertRule = (client: ApiClient, name: string) =>
  client.send<{ deliveries: AlertDelivery[] }>('POST', `/api/alerts/rules/${encodeURIComponent(name)}/test`);
export const listAlertEvents = (
  client: ApiClient,
  query: { rule?: string; status?: string },
  signal?: AbortSignal,
) =>
  client.send<{ events: AlertEvent[]; nextBefore: string | null }>('GET', '/api/alerts/events', {
    query: { ...query, limit: 200 },
    signal,
  });
export const getAlertEvent = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.send<{ event: AlertEvent; deliveries: AlertDelivery[] }>(
    'GET',
    `/api/alerts/events/${encodeURIComponent(id)}`,
    { signal },
  );

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface AuditQuery {
  targetType?: string;
  action?: string;
  actor?: string;
  targetId?: string;
  cursor?: number;
}

export const listAudit = (client: ApiClient, query: AuditQuery, signal?: AbortSignal) =>
  client.send<{ entries: AuditEntry[]; nextCursor: number | null }>('GET', '/api/audit', {
    query: { ...query, limit: 100 },
    signal,
  });

export interface RedactionSettings {
  settings: {
    enabled: boolean;
    detectors: Record<'email' | 'phone' | 'card' | 'iban' | 'secret', boolean>;
    customPatterns: { name: string; pattern: string; flags: string }[];
    placeholder: string;
  };
  revision: number;
  updatedAt: string | null;
}

export const getRedactionSettings = (client: ApiClient, signal?: AbortSignal) =>
  client.send<RedactionSettings>('GET', '/api/settings/redaction', { signal });
export const saveRedactionSettings = (client: ApiClient, settings: RedactionSettings['settings']) =>
  client.send<RedactionSettings>('PUT', '/api/settings/redaction', { body: settings });
export const previewRedaction = (client: ApiClient, text: string, settings: RedactionSettings['settings']) =>
  client.send<{ text: string; redactions: Record<string, number> }>(
    'POST',
    '/api/settings/redaction/preview',
    {
      body: { text, settings },
    },
  );

export interface VersionLink {
  name: string;
  version: number | null;
  labels: string[];
  known: boolean;
}

export interface TraceLineage {
  traceId: string;
  releases: (VersionLink & { releaseId: string })[];
  prompts: VersionLink[];
  models: { id: string; provider: string | null; known: boolean }[];
}

export interface ReleaseLineage {
  release: { name: string; version: number; labels: string[] };
  experiments: { id: string; name: string; status: string; datasetName: string; createdAt: string }[];
  gateRuns: { id: string; suite: string; status: string; experimentId: string | null; createdAt: string }[];
  promotions: {
    label: string;
    fromVersion: number | null;
    toVersion: number | null;
    kind: string;
    actor: string;
    createdAt: string;
  }[];
}

export const getTraceLineage = (client: ApiClient, traceId: string, signal?: AbortSignal) =>
  client.send<TraceLineage>('GET', `/api/traces/${encodeURIComponent(traceId)}/lineage`, { signal });
export const getReleaseLineage = (client: ApiClient, name: string, version: number, signal?: AbortSignal) =>
  client.send<ReleaseLineage>(
    'GET',
    `/api/releases/${encodeURIComponent(name)}/versions/${version}/lineage`,
    {
      signal,
    },
  );
