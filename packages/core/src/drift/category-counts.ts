import { SextantError } from '../errors.js';

/** Categorical observations: raw labels, or counts per label. */
export type CategoricalSample = readonly string[] | Readonly<Record<string, number>>;

/** Reference and current counts aligned on the union of their categories (sorted by label). */
export interface AlignedCounts {
  categories: string[];
  reference: number[];
  current: number[];
}

/** Counts per label; counts given as a record are copied after checking they are finite and >= 0. */
export function countCategories(sample: CategoricalSample): Map<string, number> {
  const counts = new Map<string, number>();
  if (Array.isArray(sample)) {
    for (const label of sample as readonly string[]) counts.set(label, (counts.get(label) ?? 0) + 1);
    return counts;
  }
  for (const [label, count] of Object.entries(sample)) {
    if (!Number.isFinite(count) || count < 0) {
      throw new SextantError(
        'bad_request',
        `count for category '${label}' is ${count}; counts must be finite and >= 0`,
      );
    }
    if (count > 0) counts.set(label, count);
  }
  return counts;
}

/** Aligns two categorical samples on the union of their labels, so bin i means the same label in both. */
export function alignCategoryCounts(reference: CategoricalSample, current: CategoricalSample): AlignedCounts {
  const referenceCounts = countCategories(reference);
  const currentCounts = countCategories(current);
  const categories = [...new Set([...referenceCounts.keys(), ...currentCounts.keys()])].sort();
  return {
    categories,
    reference: categories.map((label) => referenceCounts.get(label) ?? 0),
    current: categories.map((label) => currentCounts.get(label) ?? 0),
  };
}

/** Proportions of a count vector; all zeros if the total is zero. */
export function toProportions(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
}
