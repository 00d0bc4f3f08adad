import { z } from 'zod';

/**
 * What a bake-off writes into each of its experiments' metadata (`metadata.bakeoff`): one experiment per
 * model, all sharing the id, so the bake-off needs no table of its own.
 */
export const bakeoffMetadataSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/),
  models: z.array(z.string().min(1)).min(1),
  /** The score whose mean is the bake-off's quality axis. */
  qualityMetric: z.string().min(1),
  prompt: z.string().optional(),
});
export type BakeoffMetadata = z.infer<typeof bakeoffMetadataSchema>;
