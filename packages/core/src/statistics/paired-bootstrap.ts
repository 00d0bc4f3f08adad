import { SextantError } from '../errors.js';
import { createSeededRandom, randomInteger } from './seeded-random.js';
import { requireInteger, requireOpenUnit } from './validation.js';

/** A statistic of paired ratings with its seeded percentile bootstrap interval over items. */
export interface PairedBootstrapInterval {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Resamples whose statistic was defined (a resample where a rater is constant gives NaN and is dropped). */
  resamples: number;
}

/**
 * Percentile bootstrap over items for a statistic of two raters' paired ratings (kappa, Spearman, ...): items are
 * resampled with replacement, pairs stay together. Seeded, so the same data gives the same interval.
 * @example pairedBootstrap(judge, human, (a, b) => cohensKappa(a, b).kappa, { seed: 7 });
 */
export function pairedBootstrap<T>(
  first: readonly T[],
  second: readonly T[],
  statistic: (first: T[], second: T[]) => number,
  options: { level?: number; resamples?: number; seed?: number } = {},
): PairedBootstrapInterval {
  const { level = 0.95, resamples = 2000, seed = 1 } = options;
  requireOpenUnit('level', level);
  requireInteger('resamples', resamples, 100);
  if (first.length !== second.length || first.length === 0) {
    throw new SextantError(
      'bad_request',
      `a paired bootstrap needs equally long, non-empty ratings; got ${first.length} and ${second.length}`,
    );
  }
  const estimate = statistic([...first], [...second]);
  const random = createSeededRandom(seed);
  const values: number[] = [];
  const a: T[] = new Array(first.length);
  const b: T[] = new Array(first.length);
  for (let run = 0; run < resamples; run++) {
    for (let index = 0; index < first.length; index++) {
      const pick = randomInteger(random, 0, first.length);
      a[index] = first[pick] as T;
      b[index] = second[pick] as T;
    }
    const value = statistic(a, b);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return { estimate, lower: Number.NaN, upper: Number.NaN, level, resamples: 0 };
  values.sort((x, y) => x - y);
  const quantile = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] ?? Number.NaN;
  return {
    estimate,
    lower: quantile((1 - level) / 2),
    upper: quantile(1 - (1 - level) / 2),
    level,
    resamples: values.length,
  };
}
