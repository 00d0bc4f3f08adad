// Statistics the product relies on: intervals, paired tests, power, sequential tests, agreement.
// Imported as `@sextant/core/statistics`.
export { type BootstrapOptions, bootstrapMeanInterval, type MeanInterval } from './bootstrap.js';
export {
  type BradleyTerryOptions,
  type PairwiseComparison,
  type RankedSystem,
  rankBradleyTerry,
} from './bradley-terry.js';
export { cohensKappa, type KappaResult, type KappaWeighting, kappaFromCounts } from './cohens-kappa.js';
export {
  type ConfusionMatrix,
  confusionMatrix,
  percentAgreement,
  type RatingLabel,
} from './confusion-matrix.js';
export { mean, sampleVariance } from './descriptive-statistics.js';
export { type FleissKappaResult, fleissKappa } from './fleiss-kappa.js';
export {
  countPairedOutcomes,
  type DiscordantPairs,
  type McNemarResult,
  mcnemarExactTest,
} from './mcnemar.js';
export { normalCdf, normalQuantile } from './normal-distribution.js';
export { type PairedBootstrapInterval, pairedBootstrap } from './paired-bootstrap.js';
export {
  comparePaired,
  itemDifferences,
  type PairedComparison,
  type PairedComparisonOptions,
  type PairedItemScores,
} from './paired-comparison.js';
export { estimatePairedVariance, type PairedVariance } from './paired-variance.js';
export {
  type FlakyItem,
  findFlakyItems,
  type ItemOutcomes,
  meanPassAtK,
  meanPassHatK,
  passAtK,
  passHatK,
} from './pass-at-k.js';
export {
  type PairedDesign,
  type PairedSampleSize,
  type PassRateClaim,
  type PassRateSampleSize,
  planPairedDifference,
  powerPairedDifference,
  powerPassRateClaim,
  powerTwoProportions,
  sampleSizePairedDifference,
  sampleSizePassRateClaim,
  sampleSizeTwoProportions,
  type TwoProportionDesign,
} from './power.js';
export {
  type CorrectedPrevalence,
  countJudgeValidation,
  type JudgeValidation,
  type RoganGladenInput,
  roganGladen,
} from './rogan-gladen.js';
export {
  createSeededRandom,
  type RandomSource,
  randomBinomial,
  randomInteger,
  randomNormal,
  sampleIndexes,
  sampleWithReplacement,
  shuffle,
} from './seeded-random.js';
export {
  type ArmSummary,
  addObservation,
  type CanaryDecision,
  type DifferenceSequence,
  decideCanary,
  differenceConfidenceSequence,
  emptyArm,
  type SequentialOptions,
  summarizeArm,
} from './sequential-test.js';
export { type SignFlipOptions, type SignFlipResult, signFlipTest } from './sign-flip-test.js';
export { averageRanks, type SpearmanResult, spearmanCorrelation } from './spearman-correlation.js';
export {
  binomialCdf,
  binomialProbability,
  chiSquareSurvival,
  logChoose,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from './special-functions.js';
export { type ProportionInterval, wilsonInterval, wilsonLowerBound } from './wilson-interval.js';
