import type { ApiClient } from '../api/api-client';

// Typed calls of Deploy's API: gate runs, gated label history and canaries.

export interface GateEvidence {
  estimate: number;
  interval?: { lower: number; upper: number; level: number };
  bound?: number;
  pValue?: number;
  items: number;
  runs: number;
  effectiveRuns?: number;
  failingItems: string[];
}

export interface GateVerdict {
  title: string;
  status: 'passed' | 'failed' | 'error';
  summary: string;
  evidence: GateEvidence;
}

export interface SuiteVerdict {
  status: 'passed' | 'failed' | 'error';
  verdicts: GateVerdict[];
  scores?: Array<{
    name: string;
    mean: number;
    passRate: number;
    passAtK: number;
    passHatK: number;
    k: number;
  }>;
  flaky?: Array<{ score: string; itemId: string }>;
  quarantined?: Array<{ itemId: string; reason: string }>;
}

export interface GateRun {
  id: string;
  suite: string;
  release: { name: string; version: number } | null;
  status: 'passed' | 'failed' | 'error';
  dataset: string | null;
  baseline: string | null;
  experimentId: string | null;
  verdict: SuiteVerdict;
  actor: string;
  createdAt: string;
}

export interface Promotion {
  id: number;
  releaseName: string;
  label: string;
  fromVersion: number | null;
  toVersion: number | null;
  kind: 'promote' | 'override' | 'rollback' | 'canary';
  reason: string | null;
  gateRunIds: string[];
  actor: string;
  createdAt: string;
}

export interface CanaryLook {
  decision: 'promote' | 'continue' | 'rollback';
  reason: string;
  baseline: { version: number; count: number; mean: number | null };
  candidate: { version: number; count: number; mean: number | null };
  interval: { estimate: number | null; lower: number | null; upper: number | null; alpha: number };
  evaluatedAt: string;
}

export interface Canary {
  id: string;
  /** Whose label is split: `prompt:NAME@LABEL` or `release:NAME@LABEL` traffic. */
  targetType: 'prompt' | 'release';
  name: string;
  label: string;
  baselineVersion: number;
  candidateVersion: number;
  share: number;
  stickyBy: 'user' | 'session';
  score: string;
  margin: number;
  alpha: number;
  status: 'running' | 'promoted' | 'rolled_back' | 'stopped';
  lastDecision: CanaryLook | null;
  createdAt: string;
}

export const listGateRuns = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ runs: GateRun[] }>('GET', '/api/gate-runs', { query: { limit: 100 }, signal });

export const listPromotions = (client: ApiClient, release: string, signal?: AbortSignal) =>
  client.send<{ promotions: Promotion[] }>('GET', `/api/releases/${encodeURIComponent(release)}/promotions`, {
    signal,
  });

export const listLabelGates = (client: ApiClient, release: string, signal?: AbortSignal) =>
  client.send<{ gates: Array<{ label: string; suites: string[] }> }>(
    'GET',
    `/api/releases/${encodeURIComponent(release)}/gates`,
    { signal },
  );

export const listCanaries = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ canaries: Canary[] }>('GET', '/api/canaries', { signal });

export const getCanary = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.send<{
    canary: Canary;
    decisions: Array<{ id: number; decision: string; evidence: CanaryLook; createdAt: string }>;
  }>('GET', `/api/canaries/${encodeURIComponent(id)}`, { signal });

export const evaluateCanaries = (client: ApiClient) =>
  client.send<{ looks: CanaryLook[] }>('POST', '/api/canaries/evaluate');

export const stopCanary = (client: ApiClient, id: string) =>
  client.send<Canary>('POST', `/api/canaries/${encodeURIComponent(id)}/stop`);
