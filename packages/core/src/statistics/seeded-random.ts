import { requireInteger, requireUnit } from './validation.js';

/** A source of uniform numbers in [0, 1); every helper takes one so a simulation replays exactly from its seed. */
export type RandomSource = () => number;

const twoToThe32 = 4_294_967_296;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

// splitmix32 spreads a small integer seed over four words, so nearby seeds give unrelated streams.
function splitMix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let mixed = state ^ (state >>> 16);
    mixed = Math.imul(mixed, 0x21f0aaad);
    mixed ^= mixed >>> 15;
    mixed = Math.imul(mixed, 0x735a2d97);
    return (mixed ^ (mixed >>> 15)) >>> 0;
  };
}

/**
 * xoshiro128** (Blackman & Vigna) from an explicit 128-bit state, as unsigned 32-bit integers.
 * @example const next = createXoshiro128StarStar([1, 2, 3, 4]); next(); // 11520
 */
export function createXoshiro128StarStar(state: readonly [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  };
}

/**
 * A seeded uniform generator on [0, 1) (xoshiro128** seeded through splitmix32); same seed, same stream.
 * @example const random = createSeededRandom(42); random(); // 0 <= x < 1
 */
export function createSeededRandom(seed: number): RandomSource {
  const seeder = splitMix32(seed);
  const next = createXoshiro128StarStar([seeder(), seeder(), seeder(), seeder()]);
  return () => next() / twoToThe32;
}

/** Uniform integer in [minimum, maximumExclusive). */
export function randomInteger(random: RandomSource, minimum: number, maximumExclusive: number): number {
  return minimum + Math.floor(random() * (maximumExclusive - minimum));
}

/** Normal variate by the Box-Muller transform. */
export function randomNormal(random: RandomSource, mean = 0, standardDeviation = 1): number {
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return mean + standardDeviation * radius * Math.cos(2 * Math.PI * random());
}

/** Binomial variate as a sum of Bernoulli trials (O(trials); meant for simulations). */
export function randomBinomial(random: RandomSource, trials: number, probability: number): number {
  requireInteger('trials', trials, 0);
  requireUnit('probability', probability);
  let successes = 0;
  for (let trial = 0; trial < trials; trial++) if (random() < probability) successes++;
  return successes;
}

/** A new array with the values in uniformly random order (Fisher-Yates); the input is not changed. */
export function shuffle<T>(random: RandomSource, values: readonly T[]): T[] {
  const result = [...values];
  for (let index = result.length - 1; index > 0; index--) {
    const other = randomInteger(random, 0, index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/** `size` values drawn uniformly with replacement (a bootstrap resample when size = values.length). */
export function sampleWithReplacement<T>(
  random: RandomSource,
  values: readonly T[],
  size = values.length,
): T[] {
  const result: T[] = new Array(size);
  for (let index = 0; index < size; index++) {
    result[index] = values[randomInteger(random, 0, values.length)] as T;
  }
  return result;
}

/**
 * `count` distinct indexes drawn uniformly from [0, populationSize), in increasing order (a partial
 * Fisher-Yates shuffle); all of them when count >= populationSize.
 * @example sampleIndexes(createSeededRandom(1), 10, 3) // [0, 5, 9]
 */
export function sampleIndexes(random: RandomSource, populationSize: number, count: number): number[] {
  const pool = Array.from({ length: populationSize }, (_, index) => index);
  if (count >= populationSize) return pool;
  for (let index = 0; index < count; index++) {
    const other = randomInteger(random, index, populationSize);
    [pool[index], pool[other]] = [pool[other] as number, pool[index] as number];
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}
