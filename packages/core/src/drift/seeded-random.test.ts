import { describe, expect, it } from 'vitest';
import { sampleIndexes, seededRandom, shuffleInPlace } from './seeded-random.js';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const first = Array.from({ length: 5 }, seededRandom(42).next);
    expect(Array.from({ length: 5 }, seededRandom(42).next)).toEqual(first);
    expect(Array.from({ length: 5 }, seededRandom(43).next)).not.toEqual(first);
  });

  it('draws uniforms with mean 1/2 and variance 1/12, and normals with mean 0 and variance 1', () => {
    const random = seededRandom(7);
    const uniforms = Array.from({ length: 100_000 }, random.next);
    const normals = Array.from({ length: 100_000 }, random.nextGaussian);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = (values: number[]) => {
      const center = mean(values);
      return mean(values.map((value) => (value - center) ** 2));
    };
    expect(mean(uniforms)).toBeCloseTo(0.5, 2);
    expect(variance(uniforms)).toBeCloseTo(1 / 12, 3);
    expect(mean(normals)).toBeCloseTo(0, 1);
    expect(variance(normals)).toBeCloseTo(1, 1);
    expect(normals.filter((value) => Math.abs(value) > 1.96).length / normals.length).toBeCloseTo(0.05, 2);
  });

  it('samples distinct sorted indexes and shuffles to a permutation', () => {
    const random = seededRandom(1);
    const sample = sampleIndexes(100, 10, random);
    expect(new Set(sample).size).toBe(10);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sampleIndexes(3, 10, random)).toEqual([0, 1, 2]);
    const values = [1, 2, 3, 4, 5, 6];
    shuffleInPlace(values, random);
    expect([...values].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
