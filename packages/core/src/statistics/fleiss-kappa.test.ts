import { describe, expect, it } from 'vitest';
import { kappaFromCounts } from './cohens-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';

describe("Fleiss' kappa", () => {
  it("reproduces Wikipedia's worked example: 10 subjects, 14 raters, 5 categories, kappa = 0.210", () => {
    const result = fleissKappa([
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ]);
    // Wikipedia: p_j = 0.143, 0.200, 0.279, 0.150, 0.229; P̄ = 0.378; P̄e = 0.213; κ = 0.210.
    expect(result.categoryShares.map((share) => Number(share.toFixed(3)))).toEqual([
      0.143, 0.2, 0.279, 0.15, 0.229,
    ]);
    expect(result.observedAgreement).toBeCloseTo(0.378, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(result.kappa).toBeCloseTo(0.20993, 5);
  });

  it("equals Scott's pi for two raters (Fleiss 1971), i.e. kappa with pooled margins", () => {
    // Two raters, 2 categories: both yes on 20, yes/no on 5, no/yes on 10, both no on 15.
    const subjects = [
      ...new Array(20).fill([2, 0]),
      ...new Array(15).fill([1, 1]),
      ...new Array(15).fill([0, 2]),
    ];
    const pooledYes = (2 * 20 + 15) / 100;
    const scottsPi =
      (0.7 - (pooledYes ** 2 + (1 - pooledYes) ** 2)) / (1 - (pooledYes ** 2 + (1 - pooledYes) ** 2));
    expect(fleissKappa(subjects).kappa).toBeCloseTo(scottsPi, 12);
    // Scott's pi is below Cohen's kappa here because the raters' margins differ (Wikipedia table: 0.4).
    expect(fleissKappa(subjects).kappa).toBeLessThan(
      kappaFromCounts([
        [20, 5],
        [10, 15],
      ]).kappa,
    );
  });

  it('refuses subjects with different numbers of raters', () => {
    expect(() =>
      fleissKappa([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(/subject 1 has 3 ratings/);
  });
});
