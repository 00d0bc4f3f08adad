import { z } from 'zod';
import { datasetItemIdSchema } from '../datasets/dataset-item.js';
import { registryNameSchema } from '../prompts/prompt-names.js';
import { retrievedDocumentSchema } from '../span/canonical-span.js';

const traceIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters')
  .transform((value) => value.toLowerCase());

/** Pointwise: people score one output; pairwise: people pick the better of two outputs, blind. */
export const reviewQueueKindSchema = z.enum(['pointwise', 'pairwise']);
export type ReviewQueueKind = z.infer<typeof reviewQueueKindSchema>;

/** A queue as created: ids are URL-safe names; pointwise queues name the score configs reviewers answer. */
export const reviewQueueInputSchema = z
  .object({
    id: registryNameSchema,
    description: z.string().max(5000).default(''),
    kind: reviewQueueKindSchema.default('pointwise'),
    scoreNames: z.array(z.string().min(1)).max(10).default([]),
    requiredReviewers: z.number().int().min(1).max(10).default(1),
  })
  .refine((queue) => queue.kind === 'pairwise' || queue.scoreNames.length > 0, {
    message: 'a pointwise queue names at least one score config in scoreNames (e.g. ["helpful"])',
    path: ['scoreNames'],
  });
export type ReviewQueueInput = z.input<typeof reviewQueueInputSchema>;
export type ParsedReviewQueueInput = z.output<typeof reviewQueueInputSchema>;

export interface ReviewQueue extends ParsedReviewQueueInput {
  createdAt: Date;
}

/** A tool the reviewed run called, with what it returned. */
export const reviewToolCallSchema = z.object({
  name: z.string(),
  arguments: z.string().default(''),
  result: z.string().optional(),
});

/** One of two outputs compared in a pairwise queue; `system` stays hidden from reviewers. */
export const pairwiseCandidateSchema = z.object({
  system: z.string().min(1).max(200).describe('e.g. an experiment id, a release id or a model'),
  traceId: traceIdSchema.optional(),
  output: z.unknown(),
});
export type PairwiseCandidate = z.infer<typeof pairwiseCandidateSchema>;

/**
 * One thing to review, snapshotted when the queue is filled so later retention or edits do not change
 * what people saw. Human scores are written to `store.scores` only for items with a trace id.
 */
export const reviewItemSchema = z.object({
  id: datasetItemIdSchema,
  source: z.enum(['trace', 'experiment', 'dataset', 'api']).default('api'),
  traceId: traceIdSchema.optional(),
  /** Where the item came from, e.g. `dataset:faq@3` or `experiment:exp-1`. */
  origin: z.string().max(500).optional(),
  input: z.unknown(),
  output: z.unknown().optional(),
  expectedOutput: z.unknown().optional(),
  documents: z.array(retrievedDocumentSchema).max(100).optional(),
  toolCalls: z.array(reviewToolCallSchema).max(100).optional(),
  candidates: z.tuple([pairwiseCandidateSchema, pairwiseCandidateSchema]).optional(),
});
export type ReviewItemInput = z.input<typeof reviewItemSchema>;
export type ReviewItem = z.output<typeof reviewItemSchema>;

/** A reviewer's scores for one item, or a skip. Pairwise answers name the preferred system or 'tie'. */
export interface ReviewAnswer {
  queueId: string;
  itemId: string;
  reviewer: string;
  status: 'done' | 'skipped';
  scores: { name: string; value: number }[];
  comment?: string;
  preferred?: string;
  reason?: string;
  updatedAt: Date;
}

/** Per-queue counts for lists: items, items with enough finished reviews, and answers so far. */
export interface ReviewQueueCounts {
  queueId: string;
  items: number;
  completedItems: number;
  answers: number;
}

/** One calibration of one judge version against human labels, kept to track agreement over time. */
export interface JudgeCalibrationRecord {
  id: string;
  evaluatorName: string;
  evaluatorVersion: string;
  scoreName: string;
  computedAt: Date;
  items: number;
  agreement: number;
  kappa: number;
  kappaLower: number;
  kappaUpper: number;
  spearman: number | null;
  trusted: boolean;
}
