import type { ApiClient } from './api-client';
import type { RetrievedDocument } from './types';

// Typed calls of /api/score-configs, /api/review-queues, /api/judges and /api/review-settings.

export interface ScoreConfig {
  name: string;
  type: 'numeric' | 'ordinal' | 'categorical' | 'boolean';
  description: string;
  min?: number;
  max?: number;
  categories?: { value: number; label: string }[];
  passValue?: number;
}

export interface ReviewQueue {
  id: string;
  description: string;
  kind: 'pointwise' | 'pairwise';
  scoreNames: string[];
  requiredReviewers: number;
  createdAt: string;
}

export interface ScoreAgreement {
  scoreName: string;
  method: 'cohen' | 'weighted-cohen' | 'fleiss' | 'spearman' | 'none';
  value: number | null;
  lower: number | null;
  upper: number | null;
  items: number;
  reviewers: number;
  exactAgreement: number | null;
  note?: string;
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface PairwiseResults {
  comparisons: number;
  pairs: {
    first: string;
    second: string;
    firstWins: number;
    secondWins: number;
    ties: number;
    firstWinRate: Interval;
  }[];
  ranking:
    | { name: string; strength: number; wins: number; losses: number; ties: number; winRate: Interval }[]
    | null;
}

export interface QueueDetail {
  queue: ReviewQueue;
  items: number;
  completedItems: number;
  reviewers: { reviewer: string; done: number; skipped: number }[];
  agreement: ScoreAgreement[];
  pairwise: PairwiseResults | null;
}

/** An item as a reviewer sees it; pairwise items show two outputs as left and right, systems hidden. */
export type ReviewerItem =
  | {
      kind: 'pointwise';
      id: string;
      traceId?: string;
      origin?: string;
      input: unknown;
      output?: unknown;
      expectedOutput?: unknown;
      documents?: RetrievedDocument[];
      toolCalls?: { name: string; arguments: string; result?: string }[];
    }
  | { kind: 'pairwise'; id: string; input: unknown; left: { output: unknown }; right: { output: unknown } };

export interface ReviewerAnswer {
  status: 'done' | 'skipped';
  scores: { name: string; value: number }[];
  comment?: string;
  preference?: 'left' | 'right' | 'tie';
  reason?: string;
}

export interface AnswerBody {
  reviewer: string;
  skip?: boolean;
  scores?: Record<string, number>;
  comment?: string;
  preference?: 'left' | 'right' | 'tie';
  reason?: string;
}

export interface CalibrationRecord {
  id: string;
  evaluatorName: string;
  evaluatorVersion: string;
  scoreName: string;
  computedAt: string;
  items: number;
  agreement: number;
  kappa: number;
  kappaLower: number;
  kappaUpper: number;
  spearman: number | null;
  trusted: boolean;
}

export interface JudgeSummary {
  evaluatorName: string;
  scoreName: string;
  latest: CalibrationRecord;
  history: CalibrationRecord[];
  warning: string | null;
}

export interface JudgeVersionCalibration {
  evaluatorVersion: string;
  judged: number;
  judgedPassRate: number | null;
  correctedPassRate: { value: { estimate: number; lower: number; upper: number } } | { error: string } | null;
  calibration: {
    items: number;
    agreement: Interval | null;
    kappa:
      | (Interval & { kappa: number; weighting: string; bootstrap: { lower: number; upper: number } })
      | null;
    spearman: { rho: number; lower: number; upper: number } | null;
    confusion: { categories: string[]; counts: number[][] } | null;
    trusted: boolean;
    reason?: string;
  };
  warning: string | null;
}

const queuePath = (queueId: string) => `/api/review-queues/${encodeURIComponent(queueId)}`;

export const listScoreConfigs = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ configs: ScoreConfig[] }>('GET', '/api/score-configs', { signal });

export const listQueues = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ queues: { queue: ReviewQueue; items: number; completedItems: number }[] }>(
    'GET',
    '/api/review-queues',
    { signal },
  );

export const getQueue = (client: ApiClient, queueId: string, signal?: AbortSignal) =>
  client.send<QueueDetail>('GET', queuePath(queueId), { signal });

export const nextItem = (client: ApiClient, queueId: string, reviewer: string) =>
  client.send<{ item: ReviewerItem | null }>('POST', `${queuePath(queueId)}/next`, { body: { reviewer } });

export const getItem = (client: ApiClient, queueId: string, itemId: string, reviewer: string) =>
  client.send<{ item: ReviewerItem; answer: ReviewerAnswer | null }>(
    'GET',
    `${queuePath(queueId)}/items/${encodeURIComponent(itemId)}`,
    { query: { reviewer } },
  );

export const answerItem = (client: ApiClient, queueId: string, itemId: string, body: AnswerBody) =>
  client.send<unknown>('PUT', `${queuePath(queueId)}/items/${encodeURIComponent(itemId)}/answer`, { body });

export const addQueueToDataset = (client: ApiClient, queueId: string, dataset: string) =>
  client.send<{ dataset: string; version: number; items: number }>(
    'POST',
    `${queuePath(queueId)}/to-dataset`,
    {
      body: { dataset },
    },
  );

export const listJudges = (client: ApiClient, signal?: AbortSignal) =>
  client.send<{ agreementBar: number; judges: JudgeSummary[] }>('GET', '/api/judges', { signal });

export const calibrateJudge = (
  client: ApiClient,
  query: { scoreName: string; evaluatorName: string },
  signal?: AbortSignal,
) =>
  client.send<{ agreementBar: number; humanLabelled: number; versions: JudgeVersionCalibration[] }>(
    'GET',
    '/api/judges/calibration',
    { query, signal },
  );
