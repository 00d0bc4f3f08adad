import { describe, expect, it } from 'vitest';
import { paretoFront } from './pareto-front.js';

describe('paretoFront', () => {
  it('keeps the points nothing beats on both quality and cost', () => {
    const front = paretoFront([
      { id: 'premium', quality: 0.92, cost: 5 },
      { id: 'mid', quality: 0.85, cost: 1 },
      { id: 'cheap', quality: 0.6, cost: 0.1 },
      { id: 'worse-and-dearer', quality: 0.8, cost: 2 },
      { id: 'free-local', quality: 0.55, cost: 0 },
      { id: 'same-as-mid', quality: 0.85, cost: 1 },
    ]);
    expect([...front].sort()).toEqual(['cheap', 'free-local', 'mid', 'premium', 'same-as-mid']);
  });

  it('drops a point beaten on one axis and tied on the other, and points of unknown cost', () => {
    const front = paretoFront([
      { id: 'a', quality: 0.9, cost: 1 },
      { id: 'b', quality: 0.9, cost: 2 },
      { id: 'c', quality: 0.8, cost: 1 },
      { id: 'unpriced', quality: 1, cost: null },
    ]);
    expect([...front]).toEqual(['a']);
  });

  it('matches a brute-force check on random points', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const points = Array.from({ length: 200 }, (_, index) => ({
      id: String(index),
      quality: Math.round(random() * 20) / 20,
      cost: Math.round(random() * 20) / 20,
    }));
    const front = paretoFront(points);
    for (const point of points) {
      const beaten = points.some(
        (other) =>
          other.quality >= point.quality &&
          other.cost <= point.cost &&
          (other.quality > point.quality || other.cost < point.cost),
      );
      expect(front.has(point.id)).toBe(!beaten);
    }
    expect(front.size).toBeGreaterThan(0);
  });
});
