/** How p-values are corrected for testing several features at once. */
export type MultipleTestingCorrection = 'holm' | 'bonferroni' | 'none';

/**
 * Family-wise error corrections. Bonferroni multiplies each p-value by the number of tests; Holm's
 * step-down (1979) multiplies the i-th smallest by (m − i + 1) and keeps the sequence monotone. Both
 * hold the chance of any false alarm at alpha under any dependence between tests; Holm rejects at
 * least as much as Bonferroni, so it is the default. Results are capped at 1 and keep the input order.
 * @example adjustPValues([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: readonly number[], correction: MultipleTestingCorrection): number[] {
  const m = pValues.length;
  if (correction === 'none') return [...pValues];
  if (correction === 'bonferroni') return pValues.map((p) => Math.min(1, p * m));
  const order = pValues.map((_, index) => index).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
