import { SextantError } from '../errors.js';
import { normalCdf, normalQuantile } from './normal-distribution.js';
import { binomialCdf } from './special-functions.js';
import { requireAtLeast, requireInteger, requireOpenUnit, requireUnit } from './validation.js';
import { wilsonLowerBound } from './wilson-interval.js';

/** A "pass rate at least `threshold` with confidence `level`" claim, checked by the Wilson lower bound. */
export interface PassRateClaim {
  threshold: number;
  /** The pass rate the system really has, which must exceed the threshold for the claim to be winnable. */
  trueRate: number;
  /** One-sided confidence level; default 0.95. */
  level?: number;
}

function smallestPassingCount(items: number, threshold: number, level: number): number {
  let low = 0;
  let high = items + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (wilsonLowerBound(middle, items, level) >= threshold) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Exact probability that `items` runs at `trueRate` give a Wilson lower bound >= threshold (sums the binomial).
 * @example powerPassRateClaim(300, { threshold: 0.9, trueRate: 0.95 }); // ≈ 0.97
 */
export function powerPassRateClaim(items: number, claim: PassRateClaim): number {
  const { threshold, trueRate, level = 0.95 } = claim;
  requireInteger('items', items, 1);
  requireUnit('threshold', threshold);
  requireUnit('trueRate', trueRate);
  requireOpenUnit('level', level);
  const needed = smallestPassingCount(items, threshold, level);
  return needed > items ? 0 : 1 - binomialCdf(needed - 1, items, trueRate);
}

/** A sample size with the power it reaches and the normal-approximation size it was searched from. */
export interface PassRateSampleSize {
  items: number;
  power: number;
  approximateItems: number;
}

/**
 * Smallest number of items whose exact power for the claim reaches `power` (default 0.8).
 * Power is saw-toothed in n (the binomial is discrete), so a slightly larger n can have slightly less power.
 */
export function sampleSizePassRateClaim(claim: PassRateClaim & { power?: number }): PassRateSampleSize {
  const { threshold, trueRate, level = 0.95, power = 0.8 } = claim;
  requireOpenUnit('power', power);
  if (!(trueRate > threshold)) {
    throw new SextantError(
      'bad_request',
      `trueRate (${trueRate}) must exceed threshold (${threshold}); no number of items can show a rate above the true one`,
    );
  }
  const zAlpha = normalQuantile(level);
  const zBeta = normalQuantile(power);
  const spread =
    zAlpha * Math.sqrt(threshold * (1 - threshold)) + zBeta * Math.sqrt(trueRate * (1 - trueRate));
  const approximateItems = Math.ceil((spread / (trueRate - threshold)) ** 2);
  for (
    let items = Math.max(1, Math.floor(approximateItems / 2));
    items <= 4 * approximateItems + 100;
    items++
  ) {
    const reached = powerPassRateClaim(items, claim);
    if (reached >= power) return { items, power: reached, approximateItems };
  }
  throw new SextantError(
    'internal',
    `no sample size up to ${4 * approximateItems + 100} reaches power ${power}`,
  );
}

/**
 * A paired design: `effect` is the distance between the true mean difference and the null boundary in the
 * tested direction (superiority: Δ; non-inferiority with margin δ: Δ + δ; regression of size r: r).
 */
export interface PairedDesign {
  effect: number;
  /** SD of one repeat's candidate-minus-baseline difference (between-item and within-item noise together). */
  standardDeviation: number;
  /** Share of that variance that is between items, ρ in [0, 1]; default 0 (repeats independent). */
  intraItemCorrelation?: number;
  /** Repeats per item and side; default 1. */
  repeats?: number;
  /** Significance level; default 0.05. */
  alpha?: number;
  /** 1 for a one-sided test (gates), 2 for two-sided; default 1. */
  sides?: 1 | 2;
}

function pairedStandardError(
  items: number,
  design: PairedDesign,
): { standardError: number; designEffect: number } {
  const { standardDeviation, intraItemCorrelation = 0, repeats = 1 } = design;
  requireAtLeast('standardDeviation', standardDeviation, Number.MIN_VALUE);
  requireUnit('intraItemCorrelation', intraItemCorrelation);
  requireInteger('repeats', repeats, 1);
  const designEffect = 1 + (repeats - 1) * intraItemCorrelation;
  return { standardError: standardDeviation * Math.sqrt(designEffect / (items * repeats)), designEffect };
}

/**
 * Normal-approximation power of a paired test on `items` items, with the design effect 1 + (m - 1)ρ of repeats.
 * @example powerPairedDifference(40, { effect: 0.05, standardDeviation: 0.2, repeats: 3, intraItemCorrelation: 0.5 });
 */
export function powerPairedDifference(items: number, design: PairedDesign): number {
  const { effect, alpha = 0.05, sides = 1 } = design;
  requireAtLeast('effect', effect, Number.MIN_VALUE);
  requireOpenUnit('alpha', alpha);
  const { standardError } = pairedStandardError(items, design);
  // As in R's power.t.test(strict = FALSE), the far tail of a two-sided test is ignored.
  return normalCdf(effect / standardError - normalQuantile(1 - alpha / sides));
}

/** How many items a paired design needs at a given number of repeats. */
export interface PairedSampleSize {
  items: number;
  repeats: number;
  designEffect: number;
  totalRuns: number;
  power: number;
}

/**
 * Items needed to reach `power` (default 0.8) in a paired design: n = (z_α + z_β)² σ² (1 + (m-1)ρ) / (m effect²).
 * @example sampleSizePairedDifference({ effect: 0.1, standardDeviation: 0.3, repeats: 3, intraItemCorrelation: 0.5 });
 */
export function sampleSizePairedDifference(design: PairedDesign & { power?: number }): PairedSampleSize {
  const { effect, alpha = 0.05, sides = 1, power = 0.8, repeats = 1 } = design;
  requireAtLeast('effect', effect, Number.MIN_VALUE);
  requireOpenUnit('alpha', alpha);
  requireOpenUnit('power', power);
  const { standardError: unitError, designEffect } = pairedStandardError(1, design);
  const z = normalQuantile(1 - alpha / sides) + normalQuantile(power);
  const items = Math.max(2, Math.ceil((z * unitError) ** 2 / effect ** 2 - 1e-9));
  return {
    items,
    repeats,
    designEffect,
    totalRuns: items * repeats,
    power: powerPairedDifference(items, design),
  };
}

/**
 * Items needed for each repeat count from 1 to `maxRepeats` (default 10), so a plan can trade items for repeats.
 * The higher the intra-item correlation, the less each extra repeat buys: at ρ = 1 repeats buy nothing.
 */
export function planPairedDifference(
  design: Omit<PairedDesign, 'repeats'> & { power?: number; maxRepeats?: number },
): PairedSampleSize[] {
  const { maxRepeats = 10 } = design;
  requireInteger('maxRepeats', maxRepeats, 1);
  return Array.from({ length: maxRepeats }, (_, index) =>
    sampleSizePairedDifference({ ...design, repeats: index + 1 }),
  );
}

/** Two independent pass rates compared by the two-sample z-test without continuity correction. */
export interface TwoProportionDesign {
  first: number;
  second: number;
  alpha?: number;
  sides?: 1 | 2;
}

/**
 * Power of the two-proportion z-test with `perGroup` observations per group (R's power.prop.test, strict = FALSE).
 * @example powerTwoProportions(50, { first: 0.5, second: 0.75, sides: 2 }); // 0.740
 */
export function powerTwoProportions(perGroup: number, design: TwoProportionDesign): number {
  const { first, second, alpha = 0.05, sides = 2 } = design;
  requireAtLeast('perGroup', perGroup, Number.MIN_VALUE);
  requireUnit('first', first);
  requireUnit('second', second);
  requireOpenUnit('alpha', alpha);
  const pooled = Math.sqrt(((first + second) * (2 - first - second)) / 2);
  const separate = Math.sqrt(first * (1 - first) + second * (1 - second));
  return normalCdf(
    (Math.sqrt(perGroup) * Math.abs(first - second) - normalQuantile(1 - alpha / sides) * pooled) / separate,
  );
}

/**
 * Observations per group for the two-proportion z-test to reach `power` (default 0.8); `unrounded` is R's n.
 * @example sampleSizeTwoProportions({ first: 0.5, second: 0.75, power: 0.9 }); // { perGroup: 77, unrounded: 76.7 }
 */
export function sampleSizeTwoProportions(design: TwoProportionDesign & { power?: number }): {
  perGroup: number;
  unrounded: number;
} {
  const { first, second, alpha = 0.05, sides = 2, power = 0.8 } = design;
  requireOpenUnit('power', power);
  requireOpenUnit('alpha', alpha);
  if (first === second)
    throw new SextantError('bad_request', 'the two rates must differ to plan a sample size');
  const pooled = Math.sqrt(((first + second) * (2 - first - second)) / 2);
  const separate = Math.sqrt(first * (1 - first) + second * (1 - second));
  const spread = normalQuantile(1 - alpha / sides) * pooled + normalQuantile(power) * separate;
  const unrounded = (spread / Math.abs(first - second)) ** 2;
  return { perGroup: Math.ceil(unrounded - 1e-9), unrounded };
}
