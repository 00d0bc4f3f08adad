/** One contender of a bake-off on the two axes that decide it. */
export interface ParetoPoint {
  id: string;
  /** Higher is better. */
  quality: number;
  /** Lower is better; null when unknown (such a point is never on the front). */
  cost: number | null;
}

/**
 * The ids of the points no other point beats on both axes: none has quality at least as high and cost at
 * least as low with one of them strictly better. Those are the only sensible choices; the rest cost more
 * for less. Ties on both axes keep both points.
 * @example paretoFront([{ id: 'a', quality: 0.9, cost: 2 }, { id: 'b', quality: 0.8, cost: 1 }, { id: 'c', quality: 0.7, cost: 3 }]) // Set { 'a', 'b' }
 */
export function paretoFront(points: readonly ParetoPoint[]): Set<string> {
  const known = points.filter((point) => point.cost !== null && Number.isFinite(point.quality));
  const front = new Set<string>();
  for (const point of known) {
    const dominated = known.some(
      (other) =>
        other !== point &&
        other.quality >= point.quality &&
        (other.cost as number) <= (point.cost as number) &&
        (other.quality > point.quality || (other.cost as number) < (point.cost as number)),
    );
    if (!dominated) front.add(point.id);
  }
  return front;
}
