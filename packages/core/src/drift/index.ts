// Drift statistics on text, embeddings, categorical and numeric features, and the report combining them.
// Imported as `@sextant/core/drift`.
export { adjustPValues, type MultipleTestingCorrection } from './adjust-p-values.js';
export { areaUnderCurve } from './area-under-curve.js';
export { type AlignedCounts, alignCategoryCounts, type CategoricalSample } from './category-counts.js';
export { type CentroidDistanceResult, centroidDistance } from './centroid-distance.js';
export { type ChiSquareTestResult, chiSquareTest } from './chi-square-test.js';
export { type DetectedLanguage, detectLanguage } from './detect-language.js';
export {
  type DomainClassifierOptions,
  type DomainClassifierResult,
  domainClassifier,
} from './domain-classifier.js';
export {
  type DriftMonitor,
  type DriftMonitorInput,
  type DriftReference,
  driftMonitorInputSchema,
  driftReferenceSchema,
} from './drift-monitor.js';
export {
  type DriftInputs,
  type DriftReport,
  type DriftReportOptions,
  driftReport,
  type FeatureDrift,
} from './drift-report.js';
export type { EmbeddingVectors } from './embedding-matrix.js';
export type { DriftTest, EmbeddingTestOptions, FeatureTest } from './feature-test.js';
export { type JensenShannonResult, jensenShannon } from './jensen-shannon.js';
export { type KMeansMetric, type KMeansOptions, type KMeansResult, kMeans } from './k-means.js';
export {
  type KolmogorovSmirnovOptions,
  type KolmogorovSmirnovResult,
  kolmogorovSmirnov,
  kolmogorovSurvival,
} from './kolmogorov-smirnov.js';
export {
  type MaximumMeanDiscrepancyOptions,
  type MaximumMeanDiscrepancyResult,
  maximumMeanDiscrepancy,
} from './maximum-mean-discrepancy.js';
export {
  type NumericPopulationStabilityOptions,
  numericPopulationStabilityIndex,
} from './numeric-population-stability-index.js';
export {
  type PopulationStabilityBand,
  type PopulationStabilityBin,
  type PopulationStabilityOptions,
  type PopulationStabilityResult,
  populationStabilityBand,
  populationStabilityIndex,
} from './population-stability-index.js';
export {
  type DriftSimulationOptions,
  type DriftSimulationResult,
  type LabelledTexts,
  simulateDriftDetection,
} from './simulate-drift-detection.js';
export {
  buildVocabulary,
  describeText,
  isQuestion,
  outOfVocabularyRate,
  type TextDescriptor,
  type TextDescriptorColumns,
  textDescriptors,
  tokenizeWords,
} from './text-descriptors.js';
export {
  type TopicChange,
  type TopicCluster,
  type TopicShiftOptions,
  type TopicShiftResult,
  topicShift,
  twoProportionTest,
} from './topic-shift.js';
export { type WassersteinResult, wassersteinDistance } from './wasserstein-distance.js';
