import { describe, expect, it } from 'vitest';
import { jensenShannon } from './jensen-shannon.js';

describe('jensenShannon', () => {
  it('is 1 bit for disjoint supports and 0 for identical distributions', () => {
    expect(jensenShannon(['a'], ['b'])).toEqual({ divergence: 1, distance: 1 });
    expect(jensenShannon({ a: 2, b: 6 }, { a: 1, b: 3 }).divergence).toBe(0);
  });

  it('matches the hand computation for (0.5, 0.5) vs (1, 0)', () => {
    // M = (0.75, 0.25); JS = ½ KL(P‖M) + ½ KL(Q‖M) = ½ (½ log2(2/3) + ½ log2 2) + ½ log2(4/3).
    const expected = 0.5 * (0.5 * Math.log2(2 / 3) + 0.5) + 0.5 * Math.log2(4 / 3);
    const result = jensenShannon({ a: 1, b: 1 }, { a: 4 });
    expect(result.divergence).toBeCloseTo(expected, 12);
    // scipy.spatial.distance.jensenshannon([0.5, 0.5], [1, 0], base=2) = 0.5579230452...
    expect(result.distance).toBeCloseTo(0.557923, 6);
  });

  it('is symmetric', () => {
    const p = { a: 1, b: 2, c: 7 };
    const q = { a: 5, b: 4, d: 1 };
    expect(jensenShannon(p, q).divergence).toBeCloseTo(jensenShannon(q, p).divergence, 14);
  });
});
