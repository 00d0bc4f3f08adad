import { describe, expect, it } from 'vitest';
import { numericPopulationStabilityIndex, quantileEdges } from './numeric-population-stability-index.js';
import { normalSample } from './test-support/synthetic-data.js';

const range = (count: number, start = 0) => Array.from({ length: count }, (_, index) => start + index);

describe('numericPopulationStabilityIndex', () => {
  it('cuts the reference at its deciles so each bin holds 10% of it', () => {
    const result = numericPopulationStabilityIndex(range(1000), range(1000));
    expect(result.bins).toHaveLength(10);
    for (const bin of result.bins) expect(bin.referenceShare).toBeCloseTo(0.1, 2);
    expect(result.psi).toBeCloseTo(0, 3);
  });

  it('matches the hand value when all current mass falls into the top decile', () => {
    // Nine bins go 0.1 -> 1e-4 (smoothed), one goes 0.1 -> 1.
    const expected = 9 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (1 - 0.1) * Math.log(1 / 0.1);
    const result = numericPopulationStabilityIndex(range(100), [1000, 2000, 3000]);
    expect(result.psi).toBeCloseTo(expected, 10);
    expect(result.band).toBe('significant');
  });

  it('merges bins whose reference quantiles tie (integer-valued features)', () => {
    const tokens = [...Array(50).fill(1), ...Array(30).fill(2), ...Array(20).fill(3)];
    expect(quantileEdges(Float64Array.from(tokens).sort(), 10)).toEqual([1, 2, 3]);
    expect(numericPopulationStabilityIndex(tokens, tokens).psi).toBe(0);
  });

  it('stays stable under no shift and reads a one-standard-deviation shift as significant', () => {
    const reference = normalSample(1, 2000);
    expect(numericPopulationStabilityIndex(reference, normalSample(2, 2000)).band).toBe('stable');
    expect(numericPopulationStabilityIndex(reference, normalSample(3, 2000, 1)).band).toBe('significant');
  });
});
