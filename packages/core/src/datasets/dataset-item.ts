import { z } from 'zod';
import { registryNameSchema } from '../prompts/prompt-names.js';

/** Dataset names follow prompt and release names: safe in URLs, file names and CLI arguments. */
export const datasetNameSchema = registryNameSchema;

/** A named split such as train, test or validation. */
export const splitNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/,
    "a split is 1-50 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. train, test)",
  );

/** Item ids are chosen by the caller (stable keys from their data) or generated. */
export const datasetItemIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s/]+$/, 'an item id has no spaces or slashes (e.g. q-0042)');

/** One item as written by a caller: an id is generated when missing. */
export const datasetItemInputSchema = z.object({
  id: datasetItemIdSchema.optional(),
  input: z.unknown().nonoptional('an input is required').describe('Any JSON value'),
  expectedOutput: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
  split: splitNameSchema.nullish(),
});
export type DatasetItemInput = z.input<typeof datasetItemInputSchema>;
export type ParsedDatasetItemInput = z.output<typeof datasetItemInputSchema>;

/** One item of one dataset version, as read back. `expectedOutput` is null when the item has none. */
export interface DatasetItem {
  id: string;
  input: unknown;
  expectedOutput: unknown;
  metadata: Record<string, unknown>;
  split: string | null;
  /** The version that wrote this content of the item (it stays visible in later versions until changed). */
  version: number;
}
