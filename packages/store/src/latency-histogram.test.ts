import { describe, expect, it } from 'vitest';
import { latencyBin, percentileFromHistogram } from './latency-histogram.js';

describe('latency histogram', () => {
  it('reads percentiles within 1.3% of the exact nearest-rank value on a skewed sample', () => {
    // Log-normal-ish latencies from a fixed linear-congruential sequence (reproducible, no library).
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const durations = Array.from({ length: 5000 }, () => Math.round(1000 * Math.exp(3 * next())));
    const histogram = new Map<number, number>();
    for (const duration of durations) {
      const bin = latencyBin.of(duration);
      histogram.set(bin, (histogram.get(bin) ?? 0) + 1);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(Math.abs(percentileFromHistogram(histogram, q) / exact - 1), `p${q * 100}`).toBeLessThan(0.013);
    }
  });

  it('is zero for no requests', () => {
    expect(percentileFromHistogram(new Map(), 0.5)).toBe(0);
  });
});
