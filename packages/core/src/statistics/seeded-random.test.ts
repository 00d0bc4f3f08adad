import { describe, expect, it } from 'vitest';
import {
  createSeededRandom,
  createXoshiro128StarStar,
  randomBinomial,
  randomInteger,
  randomNormal,
  sampleIndexes,
  sampleWithReplacement,
  shuffle,
} from './seeded-random.js';
import { chiSquareSurvival } from './special-functions.js';

function chiSquareUniformity(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  const statistic = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  return chiSquareSurvival(statistic, counts.length - 1);
}

describe('seeded random', () => {
  it('reproduces the reference C implementation of xoshiro128** (Blackman & Vigna, prng.di.unimi.it)', () => {
    // Outputs of the authors' xoshiro128starstar.c compiled with gcc, state {1, 2, 3, 4}.
    const next = createXoshiro128StarStar([1, 2, 3, 4]);
    const outputs = Array.from({ length: 8 }, () => next());
    expect(outputs).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
    const other = createXoshiro128StarStar([0x9e3779b9, 0x243f6a88, 0xb7e15162, 0xdeadbeef]);
    expect(Array.from({ length: 6 }, () => other())).toEqual([
      2463954730, 5524658, 74256371, 1905451993, 3123413897, 314453775,
    ]);
  });

  it('replays the same stream for the same seed and a different one for another seed', () => {
    const first = createSeededRandom(7);
    const second = createSeededRandom(7);
    const third = createSeededRandom(8);
    const a = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => second())).toEqual(a);
    expect(Array.from({ length: 5 }, () => third())).not.toEqual(a);
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = createSeededRandom(7);
    const uniforms = Array.from({ length: 100_000 }, () => random());
    const mean = uniforms.reduce((sum, x) => sum + x, 0) / uniforms.length;
    const variance = uniforms.reduce((sum, x) => sum + (x - mean) ** 2, 0) / uniforms.length;
    expect(uniforms.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('gives uniform integers and uniform permutations (chi-square goodness of fit)', () => {
    const random = createSeededRandom(11);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[randomInteger(random, 0, 10)]++;
    expect(chiSquareUniformity(bins)).toBeGreaterThan(0.001);

    const permutations = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = shuffle(random, ['a', 'b', 'c']).join('');
      permutations.set(key, (permutations.get(key) ?? 0) + 1);
    }
    expect(permutations.size).toBe(6);
    expect(chiSquareUniformity([...permutations.values()])).toBeGreaterThan(0.001);
  });

  it('gives standard normal moments and tail frequencies from Box-Muller', () => {
    const random = createSeededRandom(3);
    const draws = Array.from({ length: 200_000 }, () => randomNormal(random));
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (draws.length - 1);
    const beyond196 = draws.filter((x) => Math.abs(x) > 1.959963984540054).length / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeGreaterThan(0.99);
    expect(variance).toBeLessThan(1.01);
    expect(beyond196).toBeGreaterThan(0.047);
    expect(beyond196).toBeLessThan(0.053);
  });

  it('binomial draws and resamples have the right means', () => {
    const random = createSeededRandom(5);
    let total = 0;
    for (let i = 0; i < 2000; i++) total += randomBinomial(random, 50, 0.3);
    expect(total / 2000).toBeGreaterThan(14.8);
    expect(total / 2000).toBeLessThan(15.2);
    const resample = sampleWithReplacement(random, [1, 2, 3], 30_000);
    expect(resample.reduce((sum, x) => sum + x, 0) / resample.length).toBeCloseTo(2, 1);
  });

  it('samples distinct increasing indexes, each index equally often, and all of them when asked for more', () => {
    const random = createSeededRandom(1);
    const sample = sampleIndexes(random, 100, 10);
    expect(new Set(sample).size).toBe(10);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sample.every((index) => Number.isInteger(index) && index >= 0 && index < 100)).toBe(true);
    expect(sampleIndexes(random, 3, 10)).toEqual([0, 1, 2]);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) for (const index of sampleIndexes(random, 10, 3)) bins[index]++;
    expect(chiSquareUniformity(bins)).toBeGreaterThan(0.001);
  });
});
