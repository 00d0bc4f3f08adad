import type { CategoricalSample } from './category-counts.js';
import { centroidDistance } from './centroid-distance.js';
import { chiSquareTest } from './chi-square-test.js';
import { type DomainClassifierOptions, domainClassifier } from './domain-classifier.js';
import type { EmbeddingVectors } from './embedding-matrix.js';
import { jensenShannon } from './jensen-shannon.js';
import { kolmogorovSmirnov } from './kolmogorov-smirnov.js';
import { type MaximumMeanDiscrepancyOptions, maximumMeanDiscrepancy } from './maximum-mean-discrepancy.js';
import { numericPopulationStabilityIndex } from './numeric-population-stability-index.js';
import { type PopulationStabilityBin, populationStabilityIndex } from './population-stability-index.js';
import { type TopicShiftOptions, type TopicShiftResult, topicShift } from './topic-shift.js';
import { wassersteinDistance } from './wasserstein-distance.js';

/** The hypothesis test behind a feature's p-value. */
export type DriftTest =
  | 'chi-square'
  | 'kolmogorov-smirnov'
  | 'maximum-mean-discrepancy'
  | 'domain-classifier';

/** One feature's drift statistics before the multiple-testing correction. */
export interface FeatureTest {
  /** 'categorical.<name>', 'numeric.<name>', 'text.<descriptor>', 'embeddings' or 'embeddings.topics'. */
  feature: string;
  kind: 'categorical' | 'numeric' | 'embeddings';
  test: DriftTest;
  statistic: number;
  pValue: number;
  /** The headline effect size: Cramér's V, W1 / reference std, MMD, or classifier AUC. */
  effectSize: { name: string; value: number | null };
  /** Further distances (PSI, Jensen-Shannon, W1, centroid cosine distance, …). */
  measures: Record<string, number | null>;
  /** Reference and current shares per category or per reference-decile bin, for side-by-side charts. */
  bins?: PopulationStabilityBin[];
}

/** Chi-square test with Cramér's V, plus PSI and Jensen-Shannon distance. */
export function categoricalFeatureTest(
  feature: string,
  reference: CategoricalSample,
  current: CategoricalSample,
): FeatureTest {
  const chiSquare = chiSquareTest(reference, current);
  const psi = populationStabilityIndex(reference, current);
  const divergence = jensenShannon(reference, current);
  return {
    feature,
    kind: 'categorical',
    test: 'chi-square',
    statistic: chiSquare.statistic,
    pValue: chiSquare.pValue,
    effectSize: { name: 'cramersV', value: chiSquare.cramersV },
    measures: {
      degreesOfFreedom: chiSquare.degreesOfFreedom,
      populationStabilityIndex: psi.psi,
      jensenShannonDistance: divergence.distance,
    },
    bins: psi.bins,
  };
}

/** KS test with W1 / reference std as effect size, plus W1 and decile PSI. */
export function numericFeatureTest(
  feature: string,
  reference: readonly number[],
  current: readonly number[],
): FeatureTest {
  const ks = kolmogorovSmirnov(reference, current);
  const wasserstein = wassersteinDistance(reference, current);
  const psi = numericPopulationStabilityIndex(reference, current);
  return {
    feature,
    kind: 'numeric',
    test: 'kolmogorov-smirnov',
    statistic: ks.statistic,
    pValue: ks.pValue,
    effectSize: { name: 'normalizedWasserstein', value: wasserstein.normalizedDistance },
    measures: { wasserstein: wasserstein.distance, populationStabilityIndex: psi.psi },
    bins: psi.bins,
  };
}

/** Options for the embedding tests. `topics: false` skips clustering. */
export interface EmbeddingTestOptions {
  mmd?: MaximumMeanDiscrepancyOptions;
  domainClassifier?: DomainClassifierOptions;
  topics?: TopicShiftOptions | false;
}

/** MMD and domain-classifier tests, plus the topic chi-square when clustering is on. */
export function embeddingFeatureTests(
  reference: EmbeddingVectors,
  current: EmbeddingVectors,
  options: EmbeddingTestOptions,
): { tests: FeatureTest[]; topics?: TopicShiftResult } {
  const mmd = maximumMeanDiscrepancy(reference, current, options.mmd);
  const classifier = domainClassifier(reference, current, options.domainClassifier);
  const centroids = centroidDistance(reference, current);
  const tests: FeatureTest[] = [
    {
      feature: 'embeddings',
      kind: 'embeddings',
      test: 'maximum-mean-discrepancy',
      statistic: mmd.mmd2,
      pValue: mmd.pValue,
      effectSize: { name: 'mmd', value: mmd.mmd },
      measures: { centroidCosineDistance: centroids.cosineDistance, bandwidth: mmd.bandwidth },
    },
    {
      feature: 'embeddings',
      kind: 'embeddings',
      test: 'domain-classifier',
      statistic: classifier.auc,
      pValue: classifier.pValue,
      effectSize: { name: 'auc', value: classifier.auc },
      measures: { aucThreshold: classifier.threshold },
    },
  ];
  if (options.topics === false) return { tests };
  const topics = topicShift(reference, current, options.topics);
  tests.push({
    feature: 'embeddings.topics',
    kind: 'embeddings',
    test: 'chi-square',
    statistic: topics.chiSquare.statistic,
    pValue: topics.chiSquare.pValue,
    effectSize: { name: 'cramersV', value: topics.chiSquare.cramersV },
    measures: { jensenShannonDistance: topics.jensenShannonDistance, clusters: topics.clusters.length },
  });
  return { tests, topics };
}
