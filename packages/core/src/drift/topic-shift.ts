import { normalCdf } from '../statistics/normal-distribution.js';
import { createSeededRandom, sampleIndexes } from '../statistics/seeded-random.js';
import { adjustPValues } from './adjust-p-values.js';
import { type ChiSquareTestResult, chiSquareTestFromCounts } from './chi-square-test.js';
import type { EmbeddingVectors } from './embedding-matrix.js';
import { jensenShannonFromCounts } from './jensen-shannon.js';
import { assignToCentroids, type KMeansMetric, kMeans } from './k-means.js';

/** Options for topic shift. */
export interface TopicShiftOptions {
  /** Number of k-means clusters. Default 8. */
  clusters?: number;
  /** Default 'cosine'. */
  metric?: KMeansMetric;
  /** Pooled vectors (drawn without looking at the side) used to fit k-means; all vectors are then assigned. Default 2000. */
  maxFitSamples?: number;
  /** k-means initialisations; the lowest-inertia run wins. Default 3. */
  restarts?: number;
  /** Members closest to the centroid returned per cluster and side. Default 3. */
  examplesPerCluster?: number;
  /** Level for flagging a cluster, after Holm's correction across clusters. Default 0.05. */
  alpha?: number;
  /** A significant cluster that held at most this share of the reference "appeared". Default 0.01. */
  appearedMaxReferenceShare?: number;
  seed?: number;
}

/** How a cluster's share moved from reference to current. */
export type TopicChange = 'appeared' | 'grown' | 'stable' | 'shrunk' | 'disappeared';

/** One topic cluster's share on each side, its test, and example members. */
export interface TopicCluster {
  cluster: number;
  referenceCount: number;
  currentCount: number;
  referenceShare: number;
  currentShare: number;
  /** Two-proportion z statistic (positive when the current share is larger). */
  zStatistic: number;
  pValue: number;
  /** Holm-adjusted across clusters. */
  adjustedPValue: number;
  change: TopicChange;
  /** Indexes into the reference / current inputs of the members closest to the centroid. */
  referenceExamples: number[];
  currentExamples: number[];
}

/** Topic shift: per-cluster changes plus an overall test on the cluster shares. */
export interface TopicShiftResult {
  clusters: TopicCluster[];
  /** Chi-square test of the whole reference vs current cluster-count table. */
  chiSquare: ChiSquareTestResult;
  jensenShannonDistance: number;
  /** The cluster of each reference / current input, in input order (for shares over time). */
  referenceAssignments: Int32Array;
  currentAssignments: Int32Array;
}

/**
 * Clusters reference ∪ current embeddings and reports which clusters grew, shrank or appeared. The
 * clustering never sees which side a vector came from, so under no shift the cluster labels are
 * independent of the side and the per-cluster tests keep their level.
 * @example topicShift(reference, current, { clusters: 10 }).clusters.filter((c) => c.change === 'appeared')
 */
export function topicShift(
  reference: EmbeddingVectors,
  current: EmbeddingVectors,
  options: TopicShiftOptions = {},
): TopicShiftResult {
  const { clusters = 8, metric = 'cosine', maxFitSamples = 2000, examplesPerCluster = 3, seed = 0 } = options;
  const random = createSeededRandom(seed);
  const fitRows = sampleIndexes(random, reference.length + current.length, maxFitSamples);
  const fitVectors = fitRows.map((row) =>
    row < reference.length ? reference[row]! : current[row - reference.length]!,
  );
  const k = Math.min(clusters, fitVectors.length);
  const { centroids } = kMeans(fitVectors, { k, metric, seed, restarts: options.restarts ?? 3 });
  const referenceSide = assignToCentroids(reference, centroids, metric);
  const currentSide = assignToCentroids(current, centroids, metric);
  const referenceCounts = countPerCluster(referenceSide.assignments, k);
  const currentCounts = countPerCluster(currentSide.assignments, k);
  const tests = referenceCounts.map((count, cluster) =>
    twoProportionTest(count, reference.length, currentCounts[cluster]!, current.length),
  );
  const adjusted = adjustPValues(
    tests.map((test) => test.pValue),
    'holm',
  );
  const result = referenceCounts.map((referenceCount, cluster): TopicCluster => {
    const referenceShare = referenceCount / Math.max(1, reference.length);
    const currentShare = currentCounts[cluster]! / Math.max(1, current.length);
    const adjustedPValue = adjusted[cluster]!;
    return {
      cluster,
      referenceCount,
      currentCount: currentCounts[cluster]!,
      referenceShare,
      currentShare,
      zStatistic: tests[cluster]!.z,
      pValue: tests[cluster]!.pValue,
      adjustedPValue,
      change: classifyChange(referenceShare, currentShare, adjustedPValue, options),
      referenceExamples: closestMembers(referenceSide, cluster, examplesPerCluster),
      currentExamples: closestMembers(currentSide, cluster, examplesPerCluster),
    };
  });
  return {
    clusters: result,
    chiSquare: chiSquareTestFromCounts(referenceCounts, currentCounts),
    jensenShannonDistance: jensenShannonFromCounts(referenceCounts, currentCounts).distance,
    referenceAssignments: referenceSide.assignments,
    currentAssignments: currentSide.assignments,
  };
}

/** Two-sided pooled two-proportion z-test of x1/n1 vs x2/n2. */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; pValue: number } {
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(standardError > 0)) return { z: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / standardError;
  return { z, pValue: 2 * normalCdf(-Math.abs(z)) };
}

function classifyChange(
  referenceShare: number,
  currentShare: number,
  adjustedPValue: number,
  { alpha = 0.05, appearedMaxReferenceShare = 0.01 }: TopicShiftOptions,
): TopicChange {
  if (!(adjustedPValue < alpha)) return 'stable';
  if (currentShare > referenceShare)
    return referenceShare <= appearedMaxReferenceShare ? 'appeared' : 'grown';
  return currentShare <= appearedMaxReferenceShare ? 'disappeared' : 'shrunk';
}

interface SideAssignment {
  assignments: Int32Array;
  distances: Float64Array;
}

function countPerCluster(assignments: Int32Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const cluster of assignments) counts[cluster] = (counts[cluster] ?? 0) + 1;
  return counts;
}

function closestMembers(side: SideAssignment, cluster: number, count: number): number[] {
  const members: number[] = [];
  side.assignments.forEach((assigned, index) => {
    if (assigned === cluster) members.push(index);
  });
  return members.sort((a, b) => side.distances[a]! - side.distances[b]!).slice(0, count);
}
