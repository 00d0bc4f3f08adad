import { type RankedSystem, rankBradleyTerry } from '../statistics/bradley-terry.js';
import { type ProportionInterval, wilsonInterval } from '../statistics/wilson-interval.js';

/** One blind preference: the two systems shown and which one the reviewer preferred (or 'tie'). */
export interface PairwisePreference {
  systems: readonly [string, string];
  preferred: string;
}

/** Head-to-head record of two systems; the win rate counts a tie as half a win, with a Wilson 95% interval. */
export interface HeadToHead {
  first: string;
  second: string;
  firstWins: number;
  secondWins: number;
  ties: number;
  firstWinRate: ProportionInterval;
}

/** Win rates per pair of systems and, for three or more systems, a Bradley-Terry ranking. */
export interface PairwiseResults {
  comparisons: number;
  pairs: HeadToHead[];
  ranking: RankedSystem[] | null;
}

/**
 * Summarises blind pairwise preferences.
 * @example pairwiseResults([{ systems: ['a', 'b'], preferred: 'a' }, { systems: ['a', 'b'], preferred: 'tie' }]);
 */
export function pairwiseResults(preferences: readonly PairwisePreference[], level = 0.95): PairwiseResults {
  const pairs = new Map<string, HeadToHead>();
  for (const { systems, preferred } of preferences) {
    const [first, second] = [...systems].sort() as [string, string];
    const key = JSON.stringify([first, second]);
    const record = pairs.get(key) ?? {
      first,
      second,
      firstWins: 0,
      secondWins: 0,
      ties: 0,
      firstWinRate: wilsonInterval(0, 1, level),
    };
    if (preferred === first) record.firstWins++;
    else if (preferred === second) record.secondWins++;
    else record.ties++;
    pairs.set(key, record);
  }
  const results = [...pairs.values()].map((record) => {
    const total = record.firstWins + record.secondWins + record.ties;
    // Wilson on half-counted ties: ties split the difference, as in chatbot-arena style win rates.
    return { ...record, firstWinRate: wilsonInterval(record.firstWins + record.ties / 2, total, level) };
  });
  const systems = new Set(preferences.flatMap((preference) => preference.systems));
  const ranking =
    systems.size > 2
      ? rankBradleyTerry(
          preferences.map(({ systems: [first, second], preferred }) => ({
            first,
            second,
            winner: preferred === first ? 'first' : preferred === second ? 'second' : 'tie',
          })),
          { level, pseudoTies: 0.5 },
        ).systems
      : null;
  return { comparisons: preferences.length, pairs: results, ranking };
}
