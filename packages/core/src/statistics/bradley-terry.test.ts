import { describe, expect, it } from 'vitest';
import { type PairwiseComparison, rankBradleyTerry } from './bradley-terry.js';
import { createSeededRandom, randomInteger } from './seeded-random.js';
import { wilsonInterval } from './wilson-interval.js';

function games(
  first: string,
  second: string,
  firstWins: number,
  secondWins: number,
  ties = 0,
): PairwiseComparison[] {
  return [
    ...new Array(firstWins).fill({ first, second, winner: 'first' }),
    ...new Array(secondWins).fill({ first, second, winner: 'second' }),
    ...new Array(ties).fill({ first, second, winner: 'tie' }),
  ];
}

function strengthsByName(result: ReturnType<typeof rankBradleyTerry>): Record<string, number> {
  return Object.fromEntries(result.systems.map((system) => [system.name, system.strength]));
}

describe('rankBradleyTerry', () => {
  it('two systems: the MLE odds are the observed win odds, 7 : 3 (Bradley & Terry 1952)', () => {
    const result = rankBradleyTerry(games('a', 'b', 7, 3));
    expect(result.converged).toBe(true);
    expect(strengthsByName(result).a).toBeCloseTo(0.7, 9);
    const top = result.systems[0]!;
    expect(top.name).toBe('a');
    expect(top.winRate).toEqual(wilsonInterval(7, 10));
  });

  it('recovers strengths 4 : 2 : 1 from a table whose wins equal their expectations exactly', () => {
    // P(a beats b) = 4/6 -> 4 of 6; P(a beats c) = 4/5 -> 4 of 5; P(b beats c) = 2/3 -> 2 of 3. The likelihood
    // equations W_i = Σ_j n_ij p_i / (p_i + p_j) then hold at p = (4, 2, 1) / 7, so that is the MLE.
    const result = rankBradleyTerry([
      ...games('a', 'b', 4, 2),
      ...games('a', 'c', 4, 1),
      ...games('b', 'c', 2, 1),
    ]);
    const strengths = strengthsByName(result);
    expect(strengths.a).toBeCloseTo(4 / 7, 9);
    expect(strengths.b).toBeCloseTo(2 / 7, 9);
    expect(strengths.c).toBeCloseTo(1 / 7, 9);
    expect(result.systems.map((system) => system.name)).toEqual(['a', 'b', 'c']);
  });

  it('counts a tie as half a win to each side', () => {
    const result = rankBradleyTerry([...games('a', 'b', 2, 0, 2), ...games('b', 'c', 1, 1)]);
    // a vs b: a has 3 of 4 "wins" with ties halved, the same as games('a', 'b', 3, 1).
    const halved = rankBradleyTerry([...games('a', 'b', 3, 1), ...games('b', 'c', 1, 1)]);
    expect(strengthsByName(result).a).toBeCloseTo(strengthsByName(halved).a ?? 0, 9);
    const a = result.systems.find((system) => system.name === 'a')!;
    expect([a.wins, a.losses, a.ties, a.winRate.estimate]).toEqual([2, 0, 2, 0.75]);
  });

  it('satisfies the likelihood equations and recovers simulated strengths (5 systems, 4,000 judgements)', () => {
    const truth: Record<string, number> = { a: 0.4, b: 0.25, c: 0.15, d: 0.12, e: 0.08 };
    const names = Object.keys(truth);
    const random = createSeededRandom(17);
    const comparisons: PairwiseComparison[] = [];
    for (let judgement = 0; judgement < 4000; judgement++) {
      const first = names[randomInteger(random, 0, 5)]!;
      let second = names[randomInteger(random, 0, 4)]!;
      if (second === first) second = names[4]!;
      const chance = truth[first]! / (truth[first]! + truth[second]!);
      comparisons.push({ first, second, winner: random() < chance ? 'first' : 'second' });
    }
    const result = rankBradleyTerry(comparisons);
    const fitted = strengthsByName(result);
    expect(result.systems.map((system) => system.name)).toEqual(names);
    for (const name of names) {
      expect(Math.abs(Math.log(fitted[name]! / truth[name]!))).toBeLessThan(0.15);
      // Zermelo's likelihood equation: observed wins = Σ over games of p_i / (p_i + p_j).
      let expectedWins = 0;
      let observedWins = 0;
      for (const { first, second, winner } of comparisons) {
        if (first !== name && second !== name) continue;
        const other = first === name ? second : first;
        expectedWins += fitted[name]! / (fitted[name]! + fitted[other]!);
        if ((winner === 'first' && first === name) || (winner === 'second' && second === name))
          observedWins++;
      }
      expect(expectedWins).toBeCloseTo(observedWins, 6);
    }
  });

  it('keeps strengths finite with pseudo-ties when a system never wins', () => {
    const comparisons = [...games('a', 'b', 5, 0), ...games('b', 'c', 3, 2)];
    const plain = rankBradleyTerry(comparisons);
    expect(plain.converged).toBe(false);
    const regularised = rankBradleyTerry(comparisons, { pseudoTies: 0.5 });
    expect(regularised.converged).toBe(true);
    for (const system of regularised.systems) expect(system.strength).toBeGreaterThan(0);
    expect(regularised.systems.map((system) => system.name)).toEqual(['a', 'b', 'c']);
  });
});
