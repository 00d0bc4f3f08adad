import type {
  JudgeCalibrationRecord,
  ParsedReviewQueueInput,
  ReviewAnswer,
  ReviewItem,
  ReviewQueue,
  ScoreConfig,
} from '@sextant/core';
import type { ReviewSettings, ScoreConfigRecord } from '../review-store.js';

export interface ScoreConfigRow {
  definition: string;
  created_at: number;
  updated_at: number;
}
export interface ReviewQueueRow {
  definition: string;
  created_at: number;
}
export interface ReviewItemRow {
  content: string;
}
export interface ReviewAnswerRow {
  queue_id: string;
  item_id: string;
  reviewer: string;
  status: ReviewAnswer['status'];
  answer: string;
  updated_at: number;
}
export interface JudgeCalibrationRow {
  record: string;
}
export interface ReviewSettingsRow {
  judge_agreement_bar: number;
}

export const toScoreConfig = (row: ScoreConfigRow): ScoreConfigRecord => ({
  ...(JSON.parse(row.definition) as ScoreConfig),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});
export const toReviewQueue = (row: ReviewQueueRow): ReviewQueue => ({
  ...(JSON.parse(row.definition) as ParsedReviewQueueInput),
  createdAt: new Date(row.created_at),
});
export const toReviewItem = (row: ReviewItemRow) => JSON.parse(row.content) as ReviewItem;
export const toReviewAnswer = (row: ReviewAnswerRow): ReviewAnswer => ({
  ...(JSON.parse(row.answer) as Pick<ReviewAnswer, 'scores' | 'comment' | 'preferred' | 'reason'>),
  queueId: row.queue_id,
  itemId: row.item_id,
  reviewer: row.reviewer,
  status: row.status,
  updatedAt: new Date(row.updated_at),
});
export const toJudgeCalibration = (row: JudgeCalibrationRow): JudgeCalibrationRecord => {
  const record = JSON.parse(row.record) as JudgeCalibrationRecord & { computedAt: string };
  return { ...record, computedAt: new Date(record.computedAt) };
};

const defaultSettings: ReviewSettings = { judgeAgreementBar: 0.6 };

/** A project's review settings; the defaults while it has stored none. */
export const toReviewSettings = (row: ReviewSettingsRow | undefined): ReviewSettings =>
  row ? { judgeAgreementBar: row.judge_agreement_bar } : { ...defaultSettings };
