import { describe, expect, it } from 'vitest';
import { sampleTrace, traceIdFraction } from './sample-trace.js';

const randomIds = (count: number, seed: number) => {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state.toString(16).padStart(8, '0');
  };
  return Array.from({ length: count }, () => next() + next() + next() + next());
};
const sequentialIds = (count: number) =>
  Array.from({ length: count }, (_, index) => index.toString(16).padStart(32, '0'));

describe('sampleTrace', () => {
  it('always gives the same answer for the same trace', () => {
    for (const id of randomIds(200, 7)) expect(sampleTrace(id, 0.3)).toBe(sampleTrace(id, 0.3));
  });

  it('keeps about `rate` of random and of sequential trace ids (within 4 binomial standard deviations)', () => {
    const count = 20_000;
    for (const ids of [randomIds(count, 42), sequentialIds(count)]) {
      for (const rate of [0.01, 0.1, 0.5]) {
        const kept = ids.filter((id) => sampleTrace(id, rate)).length;
        const sd = Math.sqrt(count * rate * (1 - rate));
        expect(Math.abs(kept - count * rate), `rate ${rate}`).toBeLessThan(4 * sd);
      }
    }
  });

  it('nests samples: a trace kept at a low rate is kept at every higher rate', () => {
    for (const id of randomIds(500, 3)) {
      if (sampleTrace(id, 0.05)) expect(sampleTrace(id, 0.5)).toBe(true);
    }
  });

  it('keeps everything at rate 1 and nothing at rate 0', () => {
    const ids = randomIds(100, 9);
    expect(ids.every((id) => sampleTrace(id, 1))).toBe(true);
    expect(ids.some((id) => sampleTrace(id, 0))).toBe(false);
    expect(ids.every((id) => traceIdFraction(id) >= 0 && traceIdFraction(id) < 1)).toBe(true);
  });
});
