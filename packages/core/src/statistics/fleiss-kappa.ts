import { SextantError } from '../errors.js';

/** Fleiss' kappa with the pieces it is built from. */
export interface FleissKappaResult {
  kappa: number;
  /** Mean over subjects of the share of rater pairs that agree (P̄). */
  observedAgreement: number;
  /** Agreement expected by chance from the overall category shares (P̄e). */
  expectedAgreement: number;
  categoryShares: number[];
  subjects: number;
  ratersPerSubject: number;
}

/**
 * Fleiss' kappa (1971) for several raters: `counts[subject][category]` is how many raters put the subject in the
 * category; every subject needs the same number of raters (at least two).
 * @example fleissKappa([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], ...]).kappa; // 0.210 on Wikipedia's example
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappaResult {
  const first = counts[0];
  if (first === undefined) throw new SextantError('bad_request', "Fleiss' kappa needs at least one subject");
  const raters = first.reduce((sum, count) => sum + count, 0);
  const categoryTotals = new Array<number>(first.length).fill(0);
  let agreementSum = 0;
  counts.forEach((row, subject) => {
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    if (rowTotal !== raters || row.length !== first.length || raters < 2) {
      throw new SextantError(
        'bad_request',
        `subject ${subject} has ${rowTotal} ratings over ${row.length} categories; every subject needs the same ` +
          `number of raters (at least 2) over the same ${first.length} categories`,
      );
    }
    row.forEach((count, category) => {
      categoryTotals[category] = (categoryTotals[category] ?? 0) + count;
    });
    agreementSum += (row.reduce((sum, count) => sum + count * count, 0) - raters) / (raters * (raters - 1));
  });
  const categoryShares = categoryTotals.map((total) => total / (counts.length * raters));
  const observedAgreement = agreementSum / counts.length;
  const expectedAgreement = categoryShares.reduce((sum, share) => sum + share * share, 0);
  return {
    kappa: (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
    observedAgreement,
    expectedAgreement,
    categoryShares,
    subjects: counts.length,
    ratersPerSubject: raters,
  };
}
