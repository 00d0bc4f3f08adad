import { SextantError } from '../errors.js';
import {
  type PopulationStabilityOptions,
  type PopulationStabilityResult,
  populationStabilityFromCounts,
} from './population-stability-index.js';

/** Options for the quantile-binned PSI. */
export interface NumericPopulationStabilityOptions extends PopulationStabilityOptions {
  /** Number of reference-quantile bins. Default 10 (deciles). */
  bins?: number;
}

/**
 * PSI of a numeric feature on bins cut at the reference's quantiles (deciles by default), so each bin
 * holds about the same share of the reference. Tied quantiles merge bins; NaN values are ignored.
 * @example numericPopulationStabilityIndex(latenciesLastWeek, latenciesToday).band // 'stable'
 */
export function numericPopulationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  { bins = 10, ...options }: NumericPopulationStabilityOptions = {},
): PopulationStabilityResult {
  const sortedReference = Float64Array.from(reference.filter((value) => !Number.isNaN(value))).sort();
  if (sortedReference.length === 0) {
    throw new SextantError(
      'bad_request',
      'the reference sample has no numeric values; PSI needs at least one',
    );
  }
  const edges = quantileEdges(sortedReference, bins);
  const referenceCounts = binCounts(reference, edges);
  const currentCounts = binCounts(current, edges);
  const labels = referenceCounts.map((_, index) => binLabel(edges, index));
  return populationStabilityFromCounts(labels, referenceCounts, currentCounts, options);
}

/**
 * Distinct inner cut points at the reference quantiles k/bins, taken as data values (inverse empirical
 * CDF), so integer features get integer edges; increasing.
 */
export function quantileEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const value = sorted[Math.max(0, Math.ceil((sorted.length * k) / bins) - 1)]!;
    if (edges.length === 0 || value > edges[edges.length - 1]!) edges.push(value);
  }
  return edges;
}

/** Counts per bin (−∞, e1], (e1, e2], …, (e_last, ∞). */
function binCounts(values: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    let low = 0;
    let high = edges.length;
    // First edge >= value is the bin index.
    while (low < high) {
      const middle = (low + high) >> 1;
      if (edges[middle]! < value) low = middle + 1;
      else high = middle;
    }
    counts[low] = (counts[low] ?? 0) + 1;
  }
  return counts;
}

function binLabel(edges: readonly number[], index: number): string {
  const lower = index === 0 ? '-inf' : String(edges[index - 1]);
  const upper = index === edges.length ? 'inf' : String(edges[index]);
  return `(${lower}, ${upper}]`;
}
