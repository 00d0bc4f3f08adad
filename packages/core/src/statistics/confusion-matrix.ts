import { SextantError } from '../errors.js';
import { requirePaired } from './validation.js';
import { type ProportionInterval, wilsonInterval } from './wilson-interval.js';

/** A label a rater can give: a category name, an ordinal score or a pass/fail flag. */
export type RatingLabel = string | number | boolean;

/** Counts of (first rater's label, second rater's label); rows follow the first rater, columns the second. */
export interface ConfusionMatrix<T extends RatingLabel> {
  categories: T[];
  counts: number[][];
  total: number;
}

/** Categories in a stable order: numbers ascending, booleans false first, strings in code-point order. */
export function orderCategories<T extends RatingLabel>(labels: readonly T[]): T[] {
  return [...new Set(labels)].sort((first, second) =>
    typeof first === 'number' && typeof second === 'number'
      ? first - second
      : String(first) < String(second)
        ? -1
        : String(first) > String(second)
          ? 1
          : 0,
  );
}

/**
 * Cross-tabulates two raters' labels of the same items; `categories` fixes the order (required for ordinal scales
 * whose order is not numeric) and may include labels nobody used.
 * @example confusionMatrix(['pass', 'fail'], ['pass', 'pass']).counts; // [[0, 1], [0, 1]] (fail, pass)
 */
export function confusionMatrix<T extends RatingLabel>(
  first: readonly T[],
  second: readonly T[],
  categories: readonly T[] = orderCategories([...first, ...second]),
): ConfusionMatrix<T> {
  requirePaired(first, second, 'two raters');
  const indexOf = new Map(categories.map((category, index) => [category, index]));
  const counts = categories.map(() => new Array<number>(categories.length).fill(0));
  first.forEach((label, item) => {
    const row = indexOf.get(label);
    const column = indexOf.get(second[item] as T);
    if (row === undefined || column === undefined) {
      const unknown = row === undefined ? label : second[item];
      throw new SextantError(
        'bad_request',
        `item ${item} has label ${JSON.stringify(unknown)}, which is not among the categories ${JSON.stringify(categories)}`,
      );
    }
    (counts[row] as number[])[column] = ((counts[row] as number[])[column] ?? 0) + 1;
  });
  return { categories: [...categories], counts, total: first.length };
}

/**
 * Share of items on which two raters gave the same label, with a Wilson interval.
 * @example percentAgreement(judgeLabels, humanLabels); // { estimate: 0.82, lower: 0.74, upper: 0.88, level: 0.95 }
 */
export function percentAgreement<T extends RatingLabel>(
  first: readonly T[],
  second: readonly T[],
  level = 0.95,
): ProportionInterval {
  requirePaired(first, second, 'two raters');
  const agreements = first.filter((label, item) => label === second[item]).length;
  return wilsonInterval(agreements, first.length, level);
}
