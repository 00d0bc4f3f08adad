import { z } from '@hono/zod-openapi';
import {
  csvColumnsSchema,
  datasetItemIdSchema,
  datasetItemInputSchema,
  datasetNameSchema,
  splitNameSchema,
} from '@sextant/core';
import type { DatasetRecord, DatasetVersionRecord } from '@sextant/store';

export const datasetParamsSchema = z.object({ name: datasetNameSchema });

export const datasetSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    latestVersion: z.number().describe('0 until the first items are written'),
    itemCount: z.number().describe('Items in the newest version'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Dataset');

export const datasetVersionSchema = z
  .object({
    version: z.number(),
    itemCount: z.number(),
    added: z.number(),
    updated: z.number(),
    removed: z.number(),
    message: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('DatasetVersion');

export const datasetItemSchema = z
  .object({
    id: z.string(),
    input: z.unknown(),
    expectedOutput: z.unknown().describe('null when the item has none'),
    metadata: z.record(z.string(), z.unknown()),
    split: z.string().nullable(),
    version: z.number().describe('The version that wrote this content of the item'),
  })
  .openapi('DatasetItem');

export const splitCountsSchema = z.object({
  version: z.number(),
  splits: z.array(z.object({ split: z.string().nullable(), count: z.number() })),
});

export const createDatasetBodySchema = z.object({
  name: datasetNameSchema,
  description: z.string().max(2000).default(''),
});

export const itemQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional().describe('Default: the newest version'),
  split: splitNameSchema.optional(),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const changeBodySchema = z.object({
  items: z
    .array(datasetItemInputSchema)
    .max(1000)
    .default([])
    .describe('New items, or replacements of items with the same id'),
  delete: z.array(datasetItemIdSchema).max(1000).default([]).describe('Ids of items to delete'),
  message: z.string().max(500).optional(),
});

export const fromTraceBodySchema = z.object({
  traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'a trace id is 32 hex characters'),
  spanId: z
    .string()
    .regex(/^[0-9a-fA-F]{16}$/, 'a span id is 16 hex characters')
    .optional()
    .describe("Default: the trace's root span"),
  id: datasetItemIdSchema.optional(),
  expectedOutput: z.unknown().optional().describe("Replaces the span's output as the expected output"),
  split: splitNameSchema.nullish(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const columnList = z
  .string()
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
  );

export const fileFormatSchema = z.enum(['csv', 'jsonl']);

export const importQuerySchema = z.object({
  format: fileFormatSchema
    .optional()
    .describe('Default: from the content type (text/csv or application/x-ndjson)'),
  input: columnList.describe('CSV: comma-separated input columns; several make an object. Default: input'),
  expected: z
    .string()
    .optional()
    .describe('CSV: the expected-output column. Default: expected_output if present'),
  metadata: columnList.describe('CSV: comma-separated columns copied into metadata'),
  split: z.string().optional().describe('CSV: the split column. Default: split if present'),
  id: z.string().optional().describe('CSV: the item id column. Default: id if present'),
  message: z.string().max(500).optional(),
});

/** The CSV column choice from the import query, checked against the same schema the CLI uses. */
export const csvColumnsFromQuery = (query: z.infer<typeof importQuerySchema>) =>
  csvColumnsSchema.parse({
    input: query.input,
    expected: query.expected,
    metadata: query.metadata,
    split: query.split,
    id: query.id,
  });

export const exportQuerySchema = z.object({
  format: fileFormatSchema.default('jsonl'),
  version: z.coerce.number().int().positive().optional().describe('Default: the newest version'),
  split: splitNameSchema.optional(),
});

export const datasetJson = (dataset: DatasetRecord) => ({
  ...dataset,
  createdAt: dataset.createdAt.toISOString(),
  updatedAt: dataset.updatedAt.toISOString(),
});

export const versionJson = (version: DatasetVersionRecord) => ({
  ...version,
  createdAt: version.createdAt.toISOString(),
});
