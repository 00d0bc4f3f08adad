import { z } from 'zod';
import { labelNameSchema, registryNameSchema } from '../prompts/prompt-names.js';

/** Retriever settings of a RAG chain; the common ones are checked, others pass through. */
export const retrieverSettingsSchema = z.looseObject({
  top_k: z.number().int().positive('top_k is a positive whole number').optional(),
  chunk_size: z.number().int().positive('chunk_size is a positive whole number').optional(),
  chunk_overlap: z.number().int().min(0, 'chunk_overlap is 0 or more').optional(),
});

/** A tool of the chain: its name, or a full definition. */
export const releaseToolSchema = z.union([z.string().min(1).max(200), z.record(z.string(), z.unknown())]);

const releaseFields = {
  description: z.string().max(2000).default(''),
  /** Model ids by role in the chain, e.g. `{ generator: 'openai/gpt-4o', embedder: 'openai/text-embedding-3-small' }`. */
  models: z.record(z.string().min(1).max(100), z.string().min(1).max(200)).default({}),
  parameters: z.record(z.string(), z.unknown()).default({}),
  retriever: retrieverSettingsSchema.nullable().default(null),
  tools: z.array(releaseToolSchema).max(256).default([]),
  /** Anything else that defines the chain's behaviour. */
  config: z.record(z.string(), z.unknown()).default({}),
};

/**
 * A release as clients send it. Prompts are pinned to versions; a label (`greet: production`) is
 * resolved to the version it points at when the release is created, so the release never moves.
 */
export const releaseDefinitionInputSchema = z.strictObject({
  prompts: z.record(registryNameSchema, z.union([z.number().int().positive(), labelNameSchema])).default({}),
  ...releaseFields,
});
export type ReleaseDefinitionInput = z.input<typeof releaseDefinitionInputSchema>;

/** An immutable bundle of everything that defines a chain's behaviour. */
export const releaseDefinitionSchema = z.strictObject({
  prompts: z.record(registryNameSchema, z.number().int().positive()),
  ...releaseFields,
});
export type ReleaseDefinition = z.infer<typeof releaseDefinitionSchema>;

/** The id traces carry in `sextant.release.id`: `NAME@VERSION`, unique in a project. */
export const releaseId = (name: string, version: number) => `${name}@${version}`;
