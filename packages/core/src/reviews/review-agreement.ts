import { cohensKappa } from '../statistics/cohens-kappa.js';
import { fleissKappa } from '../statistics/fleiss-kappa.js';
import { spearmanCorrelation } from '../statistics/spearman-correlation.js';
import type { ReviewAnswer } from './review-queue.js';
import { type ScoreConfig, scoreCategoriesOf } from './score-config.js';

/** Inter-annotator agreement on one score of one queue. */
export interface ScoreAgreement {
  scoreName: string;
  /** Cohen's kappa (weighted quadratic for ordinal scales) for two reviewers, Fleiss' for more, Spearman for numbers. */
  method: 'cohen' | 'weighted-cohen' | 'fleiss' | 'spearman' | 'none';
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Items rated by enough reviewers to count. */
  items: number;
  reviewers: number;
  /** Share of those items where every reviewer gave the same answer. */
  exactAgreement: number | null;
  note?: string;
}

/** Each item's ratings of one score, by reviewer. */
function ratingsByItem(
  answers: readonly ReviewAnswer[],
  scoreName: string,
): Map<string, Map<string, number>> {
  const byItem = new Map<string, Map<string, number>>();
  for (const answer of answers) {
    if (answer.status !== 'done') continue;
    const score = answer.scores.find((entry) => entry.name === scoreName);
    if (!score) continue;
    const ratings = byItem.get(answer.itemId) ?? new Map<string, number>();
    ratings.set(answer.reviewer, score.value);
    byItem.set(answer.itemId, ratings);
  }
  return byItem;
}

const none = (scoreName: string, note: string, items = 0, reviewers = 0): ScoreAgreement => ({
  scoreName,
  method: 'none',
  value: null,
  lower: null,
  upper: null,
  items,
  reviewers,
  exactAgreement: null,
  note,
});

/**
 * How much reviewers agree on a score, over the items at least two of them answered. With exactly two
 * reviewers on every counted item it is Cohen's kappa (Wald interval), with more it is Fleiss' kappa over items
 * with the most common number of ratings (no interval), and numeric scores get Spearman's rho.
 */
export function reviewAgreement(config: ScoreConfig, answers: readonly ReviewAnswer[]): ScoreAgreement {
  const byItem = [...ratingsByItem(answers, config.name).values()].filter((ratings) => ratings.size >= 2);
  const reviewers = new Set(byItem.flatMap((ratings) => [...ratings.keys()])).size;
  if (byItem.length < 2)
    return none(
      config.name,
      'needs at least two items answered by two or more reviewers',
      byItem.length,
      reviewers,
    );
  const exact = byItem.filter((ratings) => new Set(ratings.values()).size === 1).length / byItem.length;
  const categories = scoreCategoriesOf(config);
  const pairs = byItem
    .filter((ratings) => ratings.size === 2)
    .map((ratings) => [...ratings.values()] as [number, number]);
  if (categories === null) {
    if (pairs.length < 3)
      return {
        ...none(config.name, 'Spearman needs three items rated twice', pairs.length, reviewers),
        exactAgreement: exact,
      };
    const result = spearmanCorrelation(
      pairs.map((pair) => pair[0]),
      pairs.map((pair) => pair[1]),
    );
    return {
      scoreName: config.name,
      method: 'spearman',
      value: result.rho,
      lower: result.lower,
      upper: result.upper,
      items: pairs.length,
      reviewers,
      exactAgreement: exact,
    };
  }
  if (pairs.length === byItem.length) {
    const weighting = config.type === 'ordinal' ? 'quadratic' : 'none';
    const result = cohensKappa(
      pairs.map((pair) => pair[0]),
      pairs.map((pair) => pair[1]),
      { weighting, categories },
    );
    return {
      scoreName: config.name,
      method: weighting === 'none' ? 'cohen' : 'weighted-cohen',
      value: Number.isFinite(result.kappa) ? result.kappa : null,
      lower: Number.isFinite(result.kappa) ? result.lower : null,
      upper: Number.isFinite(result.kappa) ? result.upper : null,
      items: pairs.length,
      reviewers,
      exactAgreement: exact,
    };
  }
  // Fleiss needs the same number of ratings per item: use the most common count.
  const sizes = new Map<number, number>();
  for (const ratings of byItem) sizes.set(ratings.size, (sizes.get(ratings.size) ?? 0) + 1);
  const raters = [...sizes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 2;
  const table = byItem
    .filter((ratings) => ratings.size === raters)
    .map((ratings) =>
      categories.map((category) => [...ratings.values()].filter((value) => value === category).length),
    );
  const result = fleissKappa(table);
  return {
    scoreName: config.name,
    method: 'fleiss',
    value: Number.isFinite(result.kappa) ? result.kappa : null,
    lower: null,
    upper: null,
    items: table.length,
    reviewers,
    exactAgreement: exact,
  };
}
