import { SextantError } from '../errors.js';
import { quantileOfSorted } from './descriptive-statistics.js';
import { createSeededRandom, type RandomSource } from './seeded-random.js';
import { requireFinite, requireInteger, requireOpenUnit } from './validation.js';

/** Options for {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** Confidence level of the two-sided interval; default 0.95. */
  level?: number;
  /** Number of bootstrap resamples; default 2,000. */
  resamples?: number;
  /** Seed of the resampling stream; the same seed gives the same interval. Default 1. */
  seed?: number;
  /**
   * Item of each observation (same length as the values). Repeats of one item are correlated, so when
   * given, whole items are resampled instead of single observations.
   */
  itemIds?: readonly (string | number)[];
}

/** A mean with a percentile bootstrap interval. */
export interface MeanInterval {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Number of independent units resampled: items when clustered, observations otherwise. */
  units: number;
  resamples: number;
}

interface Clusters {
  sums: Float64Array;
  counts: Float64Array;
}

function groupIntoClusters(values: readonly number[], itemIds?: readonly (string | number)[]): Clusters {
  if (itemIds === undefined) {
    return { sums: Float64Array.from(values), counts: new Float64Array(values.length).fill(1) };
  }
  if (itemIds.length !== values.length) {
    throw new SextantError(
      'bad_request',
      `itemIds must name the item of every value; got ${itemIds.length} ids for ${values.length} values`,
    );
  }
  const indexById = new Map<string | number, number>();
  const sums: number[] = [];
  const counts: number[] = [];
  values.forEach((value, position) => {
    const id = itemIds[position] as string | number;
    let index = indexById.get(id);
    if (index === undefined) {
      index = sums.length;
      indexById.set(id, index);
      sums.push(0);
      counts.push(0);
    }
    sums[index] = (sums[index] ?? 0) + value;
    counts[index] = (counts[index] ?? 0) + 1;
  });
  return { sums: Float64Array.from(sums), counts: Float64Array.from(counts) };
}

// Means of cluster resamples (resampled sum over resampled count, so unequal repeats weigh per observation).
function resampleClusterMeans(
  sums: Float64Array,
  counts: Float64Array,
  resamples: number,
  random: RandomSource,
): Float64Array {
  const clusters = sums.length;
  const means = new Float64Array(resamples);
  for (let resample = 0; resample < resamples; resample++) {
    let sum = 0;
    let count = 0;
    for (let draw = 0; draw < clusters; draw++) {
      const index = Math.floor(random() * clusters);
      sum += sums[index] ?? 0;
      count += counts[index] ?? 0;
    }
    means[resample] = sum / count;
  }
  return means.sort();
}

/**
 * Mean with a seeded percentile bootstrap interval; pass `itemIds` to resample items when items have repeats.
 * @example bootstrapMeanInterval([0.8, 0.6, 0.9, 0.7], { itemIds: ['a', 'a', 'b', 'b'] });
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  options: BootstrapOptions = {},
): MeanInterval {
  const { level = 0.95, resamples = 2000, seed = 1, itemIds } = options;
  requireOpenUnit('level', level);
  requireInteger('resamples', resamples, 1);
  requireFinite('values', values);
  if (values.length === 0)
    throw new SextantError('bad_request', 'a bootstrap interval needs at least one value');
  const { sums, counts } = groupIntoClusters(values, itemIds);
  const estimate = sums.reduce((sum, value) => sum + value, 0) / values.length;
  const means = resampleClusterMeans(sums, counts, resamples, createSeededRandom(seed));
  const tail = (1 - level) / 2;
  return {
    estimate,
    lower: quantileOfSorted(means, tail),
    upper: quantileOfSorted(means, 1 - tail),
    level,
    units: sums.length,
    resamples,
  };
}
