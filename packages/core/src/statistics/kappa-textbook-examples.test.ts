import { describe, expect, it } from 'vitest';
import { kappaFromCounts } from './cohens-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';
import { roganGladen } from './rogan-gladen.js';

// Published worked examples, beside the Wikipedia ones in cohens-kappa.test.ts and fleiss-kappa.test.ts.
describe('agreement statistics against textbook examples', () => {
  it('Cohen (1960), Table 1: p_o = .25 + .02 + .02 = .29, p_c = .20 + .09 + .06 = .35, kappa = -.092', () => {
    // Kappa depends only on the diagonal and the chance terms; the paper prints those, so the cells here are one
    // table of 100 units with that diagonal (.25, .02, .02) and margins whose products are .20, .09 and .06.
    const result = kappaFromCounts([
      [25, 12, 13],
      [13, 2, 15],
      [2, 16, 2],
    ]);
    expect(result.observedAgreement).toBeCloseTo(0.29, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.35, 12);
    expect(result.kappa).toBeCloseTo(-0.06 / 0.65, 12);
  });

  it('a textbook 200-item, 3-category example: p_o = .70, p_c = .41, kappa = .29/.59 = .492', () => {
    // Margins 120/60/20 (first judge) and 100/60/40 (second); 88 + 40 + 12 agreements.
    const result = kappaFromCounts([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.41, 12);
    expect(result.kappa).toBeCloseTo(0.492, 3);
  });

  it('Fleiss, Levin & Paik (2003), Table 18.1: 100 patients, 3 diagnoses, p_o = .89, p_e = .66, kappa = .68', () => {
    const result = kappaFromCounts([
      [75, 1, 4],
      [5, 4, 1],
      [0, 0, 10],
    ]);
    expect(result.observedAgreement).toBeCloseTo(0.89, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.66, 12);
    expect(result.kappa).toBeCloseTo(0.68, 2);
    expect(result.kappa).toBeCloseTo(0.23 / 0.34, 12);
  });

  it('Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses, P = .556, Pe = .220, kappa = .430', () => {
    // Rows: patients; columns: depression, personality disorder, schizophrenia, neurosis, other.
    const table = [
      [0, 0, 0, 6, 0],
      [0, 3, 0, 0, 3],
      [0, 1, 4, 0, 1],
      [0, 0, 0, 0, 6],
      [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0],
      [0, 0, 4, 0, 2],
      [2, 0, 3, 1, 0],
      [2, 0, 0, 4, 0],
      [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0],
      [1, 1, 0, 4, 0],
      [0, 3, 3, 0, 0],
      [1, 0, 0, 5, 0],
      [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1],
      [3, 0, 0, 1, 2],
      [5, 1, 0, 0, 0],
      [0, 2, 0, 4, 0],
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6],
      [0, 1, 0, 5, 0],
      [0, 2, 0, 1, 3],
      [2, 0, 0, 4, 0],
      [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0],
      [4, 0, 0, 0, 2],
      [0, 2, 0, 4, 0],
      [1, 0, 5, 0, 0],
      [0, 0, 0, 0, 6],
    ];
    const result = fleissKappa(table);
    expect(result.observedAgreement).toBeCloseTo(0.556, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.22, 3);
    expect(result.kappa).toBeCloseTo(0.43, 3);
  });

  it('epiR epi.prev example: 23 of 150 test positive, Se 0.96, Sp 0.89 -> true prevalence 0.051', () => {
    // Se and Sp given as exact rates: 96 of 100 and 89 of 100 validation items.
    const result = roganGladen({
      judgedPositive: 23,
      judged: 150,
      validation: { truePositives: 96, humanPositives: 100, trueNegatives: 89, humanNegatives: 100 },
    });
    if (!result.success) throw new Error(result.error);
    expect(result.value.apparent).toBeCloseTo(23 / 150, 12);
    expect(result.value.estimate).toBeCloseTo(0.051, 3);
    expect(result.value.lower).toBeLessThan(0.051);
    expect(result.value.upper).toBeGreaterThan(0.051);
  });
});
