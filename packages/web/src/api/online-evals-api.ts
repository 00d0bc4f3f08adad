import type { ApiClient } from './api-client';

// Typed calls of /api/online-evals/rules and /api/scores/series.

export interface OnlineEvalFilter {
  name?: string;
  kind?: string;
  model?: string;
  status?: 'ok' | 'error';
  userId?: string;
  promptName?: string;
  promptVersion?: string;
  releaseId?: string;
  tags?: string[];
}

export interface OnlineEvalRule {
  id: string;
  name: string;
  filter: OnlineEvalFilter;
  sampleRate: number;
  evaluators: { name: string; settings: Record<string, unknown> }[];
  target?: { kind?: string; name?: string; field?: string; occurrence?: string };
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export type OnlineEvalRuleInput = Omit<OnlineEvalRule, 'id' | 'createdAt' | 'updatedAt'>;

export const listOnlineEvalRules = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ rules: OnlineEvalRule[] }>('GET', '/api/online-evals/rules', { signal });

export const createOnlineEvalRule = (client: ApiClient, rule: OnlineEvalRuleInput) =>
  client.send<OnlineEvalRule>('POST', '/api/online-evals/rules', { body: rule });

export const updateOnlineEvalRule = (client: ApiClient, id: string, patch: Partial<OnlineEvalRuleInput>) =>
  client.send<OnlineEvalRule>('PATCH', `/api/online-evals/rules/${encodeURIComponent(id)}`, { body: patch });

export const deleteOnlineEvalRule = (client: ApiClient, id: string) =>
  client.send<null>('DELETE', `/api/online-evals/rules/${encodeURIComponent(id)}`);

export type ScoreSeriesGroup = 'none' | 'name' | 'release' | 'prompt';

export interface ScoreSeriesPoint {
  bucketStart: string;
  group: string;
  count: number;
  mean: number;
  passRate: number | null;
}

export interface ScoreSeriesQuery {
  start: string;
  end: string;
  bucketSeconds: number;
  groupBy: ScoreSeriesGroup;
  name?: string;
  source?: 'experiment' | 'online' | 'human' | 'api';
}

export const getScoreSeries = (client: ApiClient, query: ScoreSeriesQuery, signal?: AbortSignal) =>
  client.send<{ points: ScoreSeriesPoint[] }>('GET', '/api/scores/series', { query: { ...query }, signal });
