import { createSeededRandom, sampleIndexes } from '../statistics/seeded-random.js';
import { adjustPValues, type MultipleTestingCorrection } from './adjust-p-values.js';
import { type CategoricalSample, countCategories } from './category-counts.js';
import type { EmbeddingVectors } from './embedding-matrix.js';
import {
  categoricalFeatureTest,
  type EmbeddingTestOptions,
  embeddingFeatureTests,
  type FeatureTest,
  numericFeatureTest,
} from './feature-test.js';
import { buildVocabulary, outOfVocabularyRate, textDescriptors } from './text-descriptors.js';
import type { TopicShiftResult } from './topic-shift.js';

/** One side (reference or current) of a drift comparison; every part is optional. */
export interface DriftInputs {
  /** Raw texts, described by length, words, question share, language, non-ASCII and OOV share. */
  texts?: readonly string[];
  embeddings?: EmbeddingVectors;
  categorical?: Readonly<Record<string, CategoricalSample>>;
  numeric?: Readonly<Record<string, readonly number[]>>;
}

/** Options for a drift report. */
export interface DriftReportOptions extends EmbeddingTestOptions {
  /** Family-wise error rate across all features of the report. Default 0.05. */
  alpha?: number;
  /** Default 'holm'. */
  correction?: MultipleTestingCorrection;
  /** Seeds every resampling step (subsamples, permutations, folds, k-means). Default 0. */
  seed?: number;
}

/** A feature's drift statistics with its corrected p-value and decision. */
export interface FeatureDrift extends FeatureTest {
  adjustedPValue: number;
  /** adjustedPValue <= alpha. */
  drifted: boolean;
}

/** The drift report: one entry per feature test, plus topic clusters when embeddings were given. */
export interface DriftReport {
  alpha: number;
  correction: MultipleTestingCorrection;
  /** True if any feature drifted; under no drift this happens with probability <= alpha. */
  drifted: boolean;
  features: FeatureDrift[];
  topics?: TopicShiftResult;
  /** Features present on only one side or without usable values. */
  skipped: Array<{ feature: string; reason: string }>;
}

/**
 * Compares reference and current inputs feature by feature: chi-square for categorical fields and text
 * language / question share, KS for numeric fields and text lengths / OOV / non-ASCII share, MMD, a
 * domain classifier and topic shares for embeddings. P-values are corrected across all features (Holm
 * by default), so the chance that a report without real drift flags anything stays at most alpha.
 * @example driftReport({ numeric: { latency } }, { numeric: { latency: todayLatency } }).features[0]
 */
export function driftReport(
  reference: DriftInputs,
  current: DriftInputs,
  options: DriftReportOptions = {},
): DriftReport {
  const { alpha = 0.05, correction = 'holm', seed = 0 } = options;
  const skipped: DriftReport['skipped'] = [];
  const tests = columnTests(reference, current, seed, skipped);
  let topics: TopicShiftResult | undefined;
  if (reference.embeddings && current.embeddings) {
    const embeddingTests = embeddingFeatureTests(
      reference.embeddings,
      current.embeddings,
      embeddingOptions(options, seed, alpha, tests.length + 3),
    );
    tests.push(...embeddingTests.tests);
    topics = embeddingTests.topics;
  } else if (reference.embeddings || current.embeddings) {
    skipped.push({ feature: 'embeddings', reason: 'embeddings given on one side only' });
  }
  const adjusted = adjustPValues(
    tests.map((test) => test.pValue),
    correction,
  );
  const features = tests.map((test, index) => {
    const adjustedPValue = adjusted[index]!;
    return { ...test, adjustedPValue, drifted: adjustedPValue <= alpha };
  });
  const drifted = features.some((feature) => feature.drifted);
  return { alpha, correction, drifted, features, ...(topics ? { topics } : {}), skipped };
}

/** Tests of the categorical, numeric and text-descriptor columns. */
function columnTests(
  reference: DriftInputs,
  current: DriftInputs,
  seed: number,
  skipped: DriftReport['skipped'],
): FeatureTest[] {
  const categorical = pairColumns('categorical', reference.categorical, current.categorical, skipped);
  const numeric = pairColumns('numeric', reference.numeric, current.numeric, skipped);
  if (reference.texts && current.texts) {
    const text = describeBothSides(reference.texts, current.texts, seed);
    for (const [name, sides] of Object.entries(text.categorical)) categorical.push([`text.${name}`, sides]);
    for (const [name, sides] of Object.entries(text.numeric)) numeric.push([`text.${name}`, sides]);
  }
  const tests: FeatureTest[] = [];
  for (const [feature, [referenceValues, currentValues]] of categorical) {
    if (countCategories(referenceValues).size > 0 && countCategories(currentValues).size > 0) {
      tests.push(categoricalFeatureTest(feature, referenceValues, currentValues));
    } else {
      skipped.push({ feature, reason: 'no values on one side' });
    }
  }
  const usable = (values: readonly number[]) => values.some((value) => !Number.isNaN(value));
  for (const [feature, [referenceValues, currentValues]] of numeric) {
    if (usable(referenceValues) && usable(currentValues)) {
      tests.push(numericFeatureTest(feature, referenceValues, currentValues));
    } else {
      skipped.push({ feature, reason: 'no numeric values on one side' });
    }
  }
  return tests;
}

/**
 * Seeds every embedding test and gives MMD enough permutations that its smallest reachable p-value,
 * 1/(permutations + 1), can pass the first step of the correction (alpha / number of tests).
 */
function embeddingOptions(
  options: DriftReportOptions,
  seed: number,
  alpha: number,
  testCount: number,
): EmbeddingTestOptions {
  const permutations = Math.max(options.mmd?.permutations ?? 300, Math.ceil((1.5 * testCount) / alpha));
  return {
    mmd: { seed, ...options.mmd, permutations },
    domainClassifier: { seed, ...options.domainClassifier },
    topics: options.topics === false ? false : { seed, ...options.topics },
  };
}

type Sides<T> = [T, T];

function pairColumns<T>(
  prefix: string,
  reference: Readonly<Record<string, T>> | undefined,
  current: Readonly<Record<string, T>> | undefined,
  skipped: DriftReport['skipped'],
): Array<[string, Sides<T>]> {
  const names = [...new Set([...Object.keys(reference ?? {}), ...Object.keys(current ?? {})])].sort();
  const pairs: Array<[string, Sides<T>]> = [];
  for (const name of names) {
    const referenceColumn = reference?.[name];
    const currentColumn = current?.[name];
    if (referenceColumn === undefined || currentColumn === undefined) {
      skipped.push({
        feature: `${prefix}.${name}`,
        reason: `present in the ${referenceColumn ? 'reference' : 'current'} inputs only`,
      });
    } else {
      pairs.push([`${prefix}.${name}`, [referenceColumn, currentColumn]]);
    }
  }
  return pairs;
}

/**
 * Text descriptor columns for both sides. The OOV rate needs a vocabulary the reference texts being
 * compared did not build: a seeded half of the reference builds it, and the other half is the
 * reference side of the OOV comparison (otherwise the reference OOV rate would be 0 by construction).
 */
function describeBothSides(referenceTexts: readonly string[], currentTexts: readonly string[], seed: number) {
  const reference = textDescriptors(referenceTexts);
  const current = textDescriptors(currentTexts);
  const categorical: Record<string, Sides<string[]>> = {};
  const numeric: Record<string, Sides<number[]>> = {};
  for (const name of Object.keys(reference.categorical) as Array<keyof typeof reference.categorical>) {
    categorical[name] = [reference.categorical[name], current.categorical[name]];
  }
  for (const name of ['characters', 'words', 'nonAsciiShare'] as const) {
    numeric[name] = [reference.numeric[name], current.numeric[name]];
  }
  if (referenceTexts.length >= 4) {
    const vocabularyRows = new Set(
      sampleIndexes(createSeededRandom(seed), referenceTexts.length, Math.floor(referenceTexts.length / 2)),
    );
    const vocabulary = buildVocabulary(referenceTexts.filter((_, index) => vocabularyRows.has(index)));
    const heldOut = referenceTexts.filter((_, index) => !vocabularyRows.has(index));
    const rates = (texts: readonly string[]) => texts.map((text) => outOfVocabularyRate(text, vocabulary));
    numeric.oovRate = [rates(heldOut), rates(currentTexts)];
  }
  return { categorical, numeric };
}
