export { bundledCatalogSource, loadBundledCatalog } from './bundled-catalog.js';
export { type NormalizedCatalog, normalizeCatalog } from './normalize-catalog.js';
