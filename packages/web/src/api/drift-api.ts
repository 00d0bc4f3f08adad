import type { ApiClient } from './api-client';

// Typed calls of /api/drift: monitors, checks run now, and their reports.

export type DriftReference =
  | { type: 'dataset'; name: string; version?: number }
  | { type: 'range'; start: string; end: string }
  | { type: 'release'; releaseId: string; days: number };

export interface DriftMonitor {
  id: string;
  name: string;
  reference: DriftReference;
  currentWindowHours: number;
  field: 'input' | 'output';
  spans: 'root' | 'llm';
  releaseId?: string;
  embeddingSampleSize: number;
  topicClusters: number;
  alpha: number;
  scheduleEveryMinutes?: number;
  createdAt: string;
}

export interface DriftMonitorInput {
  name: string;
  reference: DriftReference;
  currentWindowHours: number;
  field: 'input' | 'output';
  scheduleEveryMinutes?: number;
}

export interface DriftBin {
  label: string;
  referenceShare: number;
  currentShare: number;
}

export interface DriftFeature {
  feature: string;
  kind: 'categorical' | 'numeric' | 'embeddings';
  test: string;
  statistic: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  drifted: boolean;
  effectSize: { name: string; value: number | null };
  measures: Record<string, number | null>;
  bins?: DriftBin[];
}

export interface TopicExample {
  traceId: string;
  spanId: string;
  text: string;
}

export interface DriftTopic {
  cluster: number;
  label: string;
  referenceShare: number;
  currentShare: number;
  referenceCount: number;
  currentCount: number;
  adjustedPValue: number;
  change: 'appeared' | 'grown' | 'stable' | 'shrunk' | 'disappeared';
  referenceExamples: TopicExample[];
  currentExamples: TopicExample[];
}

export interface DriftSide {
  description: string;
  start: string | null;
  end: string | null;
  count: number;
  embedded: number;
}

export interface DriftReport {
  id: string;
  monitorId: string;
  monitorName: string;
  createdAt: string;
  field: 'input' | 'output';
  reference: DriftSide;
  current: DriftSide;
  embedder: { id: string; reused: number; computed: number; milliseconds: number } | null;
  alpha: number;
  drifted: boolean;
  verdict: string;
  features: DriftFeature[];
  topics: {
    chiSquarePValue: number;
    jensenShannonDistance: number;
    clusters: DriftTopic[];
    sharesOverTime: { bucketStarts: string[]; shares: number[][] };
  } | null;
  skipped: { feature: string; reason: string }[];
  durationMs: number;
}

export interface DriftReportSummary {
  id: string;
  monitorId: string;
  monitorName: string;
  createdAt: string;
  drifted: boolean;
  verdict: string;
  referenceCount: number;
  currentCount: number;
  driftedFeatures: string[];
}

export const listDriftMonitors = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ monitors: DriftMonitor[] }>('GET', '/api/drift/monitors', { signal });

export const createDriftMonitor = (client: ApiClient, monitor: DriftMonitorInput) =>
  client.send<DriftMonitor>('POST', '/api/drift/monitors', { body: monitor });

export const deleteDriftMonitor = (client: ApiClient, id: string) =>
  client.send<null>('DELETE', `/api/drift/monitors/${encodeURIComponent(id)}`);

export const runDriftMonitor = (client: ApiClient, id: string) =>
  client.send<DriftReport>('POST', `/api/drift/monitors/${encodeURIComponent(id)}/run`);

export const listDriftReports = (client: ApiClient, monitorId: string | null, signal?: AbortSignal) =>
  client.send<{ reports: DriftReportSummary[] }>(
    'GET',
    `/api/drift/reports?limit=100${monitorId ? `&monitorId=${encodeURIComponent(monitorId)}` : ''}`,
    { signal },
  );

export const getDriftReport = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.send<DriftReport>('GET', `/api/drift/reports/${encodeURIComponent(id)}`, { signal });
