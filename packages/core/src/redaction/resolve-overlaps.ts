import type { PiiMatch } from './pii-match.js';

function wins(candidate: PiiMatch, current: PiiMatch, rank: ReadonlyMap<string, number>): boolean {
  const candidateLength = candidate.end - candidate.start;
  const currentLength = current.end - current.start;
  if (candidateLength !== currentLength) return candidateLength > currentLength;
  return (
    (rank.get(candidate.type) ?? Number.MAX_SAFE_INTEGER) <
    (rank.get(current.type) ?? Number.MAX_SAFE_INTEGER)
  );
}

/**
 * Turns matches from several detectors into ordered, disjoint ranges. Overlapping matches merge
 * into one range covering all of them (so no part of either leaks), typed by the longest match;
 * on equal length the type ranked first wins. Touching ranges stay separate.
 * @example resolveOverlaps([{ start: 0, end: 5, type: 'phone' }, { start: 3, end: 20, type: 'iban' }], rank)
 * // [{ start: 0, end: 20, type: 'iban' }]
 */
export function resolveOverlaps(matches: readonly PiiMatch[], rank: ReadonlyMap<string, number>): PiiMatch[] {
  const sorted = matches.filter((match) => match.end > match.start).sort((a, b) => a.start - b.start);
  const resolved: PiiMatch[] = [];
  let winner: PiiMatch | undefined;
  let start = 0;
  let end = 0;
  for (const match of sorted) {
    if (winner && match.start < end) {
      end = Math.max(end, match.end);
      if (wins(match, winner, rank)) winner = match;
      continue;
    }
    if (winner) resolved.push({ start, end, type: winner.type });
    winner = match;
    start = match.start;
    end = match.end;
  }
  if (winner) resolved.push({ start, end, type: winner.type });
  return resolved;
}
