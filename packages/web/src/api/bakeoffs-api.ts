import type { ApiClient } from './api-client';

// Typed calls of /api/bakeoffs: model bake-offs run by `sextant models bakeoff`.

export interface BakeoffSummary {
  id: string;
  datasetName: string;
  datasetVersion: number;
  models: string[];
  qualityMetric: string;
  createdAt: string;
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface BakeoffContender {
  model: string;
  experimentId: string;
  status: string;
  runs: number;
  errors: number;
  items: number;
  quality: Interval | null;
  passRate: Interval | null;
  costPerRun: number | null;
  totalCost: number | null;
  latencyMs: { mean: number; p50: number; p95: number } | null;
  onFront: boolean;
}

export interface Bakeoff {
  id: string;
  datasetName: string;
  datasetVersion: number;
  repeats: number;
  qualityMetric: string;
  prompt: string | null;
  createdAt: string;
  contenders: BakeoffContender[];
}

export const listBakeoffs = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ bakeoffs: BakeoffSummary[] }>('GET', '/api/bakeoffs', { signal });

export const getBakeoff = (client: ApiClient, id: string, signal?: AbortSignal) =>
  client.send<{ bakeoff: Bakeoff }>('GET', `/api/bakeoffs/${encodeURIComponent(id)}`, { signal });
