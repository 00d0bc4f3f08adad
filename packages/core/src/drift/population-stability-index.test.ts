import { describe, expect, it } from 'vitest';
import { populationStabilityBand, populationStabilityIndex } from './population-stability-index.js';

describe('populationStabilityIndex', () => {
  it('is 0.25 ln 3 for shares (0.5, 0.5) -> (0.25, 0.75), from labels or counts', () => {
    const expected = 0.25 * Math.log(3);
    expect(populationStabilityIndex(['a', 'b'], ['a', 'b', 'b', 'b']).psi).toBeCloseTo(expected, 12);
    expect(populationStabilityIndex({ a: 50, b: 50 }, { a: 25, b: 75 }).psi).toBeCloseTo(expected, 12);
  });

  it('is symmetric and zero for identical distributions', () => {
    const reference = { x: 10, y: 30, z: 60 };
    const current = { x: 20, y: 30, z: 50 };
    expect(populationStabilityIndex(reference, current).psi).toBeCloseTo(
      populationStabilityIndex(current, reference).psi,
      12,
    );
    expect(populationStabilityIndex(reference, { x: 1, y: 3, z: 6 }).psi).toBe(0);
  });

  it('smooths an empty bin with epsilon instead of returning infinity', () => {
    // Reference (1, 0) vs current (0.9, 0.1): the empty reference share becomes 1e-4.
    const result = populationStabilityIndex({ old: 100 }, { old: 90, new: 10 });
    const expected = (0.9 - 1) * Math.log(0.9 / 1) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4);
    expect(result.psi).toBeCloseTo(expected, 12);
    expect(result.band).toBe('significant');
    expect(result.bins.find((bin) => bin.label === 'new')).toMatchObject({
      referenceShare: 0,
      currentShare: 0.1,
    });
  });

  it('reads the conventional 0.1 / 0.25 bands', () => {
    expect(populationStabilityBand(0.05)).toBe('stable');
    expect(populationStabilityBand(0.1)).toBe('moderate');
    expect(populationStabilityBand(0.2499)).toBe('moderate');
    expect(populationStabilityBand(0.25)).toBe('significant');
  });
});
