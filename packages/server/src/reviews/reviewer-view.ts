import { createHash } from 'node:crypto';
import type { ReviewItem } from '@sextant/core';

/** What a reviewer is shown: pairwise candidates as left and right, with no system names or trace ids. */
export type ReviewerView =
  | (Omit<ReviewItem, 'candidates'> & { kind: 'pointwise' })
  | { kind: 'pairwise'; id: string; input: unknown; left: { output: unknown }; right: { output: unknown } };

/**
 * Whether the item's second candidate is shown on the left. Derived from a hash of queue and item, so every
 * reviewer and every reload sees the same order, about half the items are swapped, and nobody can tell which.
 */
export function swapsSides(queueId: string, itemId: string): boolean {
  const digest = createHash('sha256').update(`${queueId}\u0000${itemId}`).digest();
  return ((digest[0] ?? 0) & 1) === 1;
}

/** The item as a reviewer sees it. */
export function reviewerView(queueId: string, item: ReviewItem): ReviewerView {
  if (!item.candidates) return { ...item, kind: 'pointwise' };
  const [first, second] = item.candidates;
  const [left, right] = swapsSides(queueId, item.id) ? [second, first] : [first, second];
  return {
    kind: 'pairwise',
    id: item.id,
    input: item.input,
    left: { output: left.output },
    right: { output: right.output },
  };
}

/** Maps a blind 'left' / 'right' / 'tie' back to the preferred system (or 'tie'). */
export function preferredSystem(queueId: string, item: ReviewItem, choice: 'left' | 'right' | 'tie'): string {
  if (choice === 'tie' || !item.candidates) return 'tie';
  const [first, second] = item.candidates;
  const leftIsFirst = !swapsSides(queueId, item.id);
  return (choice === 'left') === leftIsFirst ? first.system : second.system;
}
