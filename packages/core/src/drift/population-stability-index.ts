import { alignCategoryCounts, type CategoricalSample, toProportions } from './category-counts.js';

/** Conventional reading of a PSI value: < 0.1 stable, 0.1 to 0.25 moderate shift, >= 0.25 significant shift. */
export type PopulationStabilityBand = 'stable' | 'moderate' | 'significant';

/** One bin's contribution to the PSI. */
export interface PopulationStabilityBin {
  label: string;
  referenceShare: number;
  currentShare: number;
  contribution: number;
}

/** Population stability index with its band and per-bin shares and contributions (bins in input order). */
export interface PopulationStabilityResult {
  psi: number;
  band: PopulationStabilityBand;
  bins: PopulationStabilityBin[];
}

/** Options for the PSI. */
export interface PopulationStabilityOptions {
  /** Floor for a bin's share, so an empty bin does not make the PSI infinite. Default 1e-4. */
  epsilon?: number;
}

/**
 * PSI = Σ (current − reference) · ln(current / reference) over aligned shares; a share of 0 is
 * raised to `epsilon`. Symmetric, >= 0, and 0 only when the distributions match.
 * @example populationStabilityIndex(['a', 'b'], ['a', 'a', 'a', 'b']).psi // 0.25 · ln 3 ≈ 0.275
 */
export function populationStabilityIndex(
  reference: CategoricalSample,
  current: CategoricalSample,
  options: PopulationStabilityOptions = {},
): PopulationStabilityResult {
  const aligned = alignCategoryCounts(reference, current);
  return populationStabilityFromCounts(aligned.categories, aligned.reference, aligned.current, options);
}

/** PSI over bins already aligned by position (shared by the categorical and the quantile-binned variants). */
export function populationStabilityFromCounts(
  labels: readonly string[],
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  { epsilon = 1e-4 }: PopulationStabilityOptions = {},
): PopulationStabilityResult {
  const referenceShares = toProportions(referenceCounts);
  const currentShares = toProportions(currentCounts);
  const bins = labels.map((label, index) => {
    const referenceShare = referenceShares[index] ?? 0;
    const currentShare = currentShares[index] ?? 0;
    const smoothedReference = Math.max(referenceShare, epsilon);
    const smoothedCurrent = Math.max(currentShare, epsilon);
    const contribution =
      (smoothedCurrent - smoothedReference) * Math.log(smoothedCurrent / smoothedReference);
    return { label, referenceShare, currentShare, contribution };
  });
  const psi = bins.reduce((sum, bin) => sum + bin.contribution, 0);
  return { psi, band: populationStabilityBand(psi), bins };
}

/** The conventional band of a PSI value (0.1 and 0.25 thresholds). */
export function populationStabilityBand(psi: number): PopulationStabilityBand {
  if (psi < 0.1) return 'stable';
  return psi < 0.25 ? 'moderate' : 'significant';
}
