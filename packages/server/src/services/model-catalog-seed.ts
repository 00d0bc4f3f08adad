import type { Store } from '@sextant/store';

/** A project id no project can have (ids are lowercase words), to read the shared catalog alone. */
const noProject = '\u0000catalog';

/**
 * Seeds the shared catalog from the snapshot bundled with Sextant when the store has none yet. Never a
 * network call; `sextant models refresh --from FILE` replaces it with a newer snapshot.
 */
export async function seedCatalogIfEmpty(store: Store): Promise<boolean> {
  const cards = await store.listModels(noProject);
  if (cards.length > 0) return false;
  // Imported here, not at the top: the snapshot and the provider packages are only needed to seed.
  const { loadBundledCatalog } = await import('@sextant/providers/catalog');
  await store.replaceCatalog(await loadBundledCatalog());
  return true;
}
