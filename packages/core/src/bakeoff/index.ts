export { type BakeoffMetadata, bakeoffMetadataSchema } from './bakeoff-metadata.js';
export { type ParetoPoint, paretoFront } from './pareto-front.js';
