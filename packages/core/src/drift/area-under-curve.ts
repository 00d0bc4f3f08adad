/**
 * Midranks (1-based, ties share their average rank) of `scores`.
 */
export function midranks(scores: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: scores.length }, (_, index) => index).sort(
    (a, b) => scores[a]! - scores[b]!,
  );
  const ranks = new Float64Array(scores.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && scores[order[end]!] === scores[order[start]!]) end++;
    const rank = (start + 1 + end) / 2;
    for (let position = start; position < end; position++) ranks[order[position]!] = rank;
    start = end;
  }
  return ranks;
}

/**
 * ROC AUC of `scores` for separating label 1 from label 0, via the Mann-Whitney U statistic with
 * midranks (a tie counts one half). 0.5 means no separation; NaN if either class is empty.
 * @example areaUnderCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function areaUnderCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const ranks = midranks(scores);
  let positives = 0;
  let positiveRankSum = 0;
  for (let index = 0; index < ranks.length; index++) {
    if (labels[index] === 1) {
      positives++;
      positiveRankSum += ranks[index]!;
    }
  }
  const negatives = ranks.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
