import { SextantError } from '../errors.js';
import { requireAtLeast, requireInteger } from './validation.js';
import { type ProportionInterval, wilsonInterval } from './wilson-interval.js';

/** One blind pairwise judgement between two systems. */
export interface PairwiseComparison {
  first: string;
  second: string;
  winner: 'first' | 'second' | 'tie';
}

/** A system's Bradley-Terry strength and its raw record; `winRate` counts a tie as half a win. */
export interface RankedSystem {
  name: string;
  /** Strengths sum to 1; P(i beats j) = strength_i / (strength_i + strength_j). */
  strength: number;
  wins: number;
  losses: number;
  ties: number;
  comparisons: number;
  winRate: ProportionInterval;
}

/** Options for {@link rankBradleyTerry}. */
export interface BradleyTerryOptions {
  /** Confidence level of the win-rate intervals; default 0.95. */
  level?: number;
  /**
   * Pseudo-ties added to every compared pair; default 0 (the plain MLE). A system that never won (or never lost)
   * has no finite MLE; 0.5 or so keeps every strength finite.
   */
  pseudoTies?: number;
  maxIterations?: number;
  /** Stop when no log-strength moves by more than this; default 1e-10. */
  tolerance?: number;
}

interface Tally {
  names: string[];
  /** wins[i][j]: wins of i over j, ties counted as half a win for each side. */
  wins: number[][];
  records: { wins: number; losses: number; ties: number }[];
}

function tally(comparisons: readonly PairwiseComparison[], pseudoTies: number): Tally {
  const names = [
    ...new Set(comparisons.flatMap((comparison) => [comparison.first, comparison.second])),
  ].sort();
  const index = new Map(names.map((name, position) => [name, position]));
  const wins = names.map(() => new Array<number>(names.length).fill(0));
  const records = names.map(() => ({ wins: 0, losses: 0, ties: 0 }));
  for (const { first, second, winner } of comparisons) {
    const i = index.get(first) ?? 0;
    const j = index.get(second) ?? 0;
    if (i === j) throw new SextantError('bad_request', `system '${first}' cannot be compared with itself`);
    const credit = winner === 'first' ? 1 : winner === 'second' ? 0 : 0.5;
    wins[i]![j]! += credit;
    wins[j]![i]! += 1 - credit;
    if (winner === 'tie') {
      records[i]!.ties++;
      records[j]!.ties++;
    } else {
      records[credit === 1 ? i : j]!.wins++;
      records[credit === 1 ? j : i]!.losses++;
    }
  }
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      if (i !== j && wins[i]![j]! + wins[j]![i]! > 0) wins[i]![j]! += pseudoTies / 2;
    }
  }
  return { names, wins, records };
}

// Hunter's (2004) MM update: p_i <- W_i / Σ_j n_ij / (p_i + p_j), then rescale to sum 1.
function fitStrengths(wins: number[][], maxIterations: number, tolerance: number) {
  const size = wins.length;
  let strengths = new Array<number>(size).fill(1 / size);
  const totalWins = wins.map((row) => row.reduce((sum, count) => sum + count, 0));
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const next = strengths.map((strength, i) => {
      let denominator = 0;
      for (let j = 0; j < size; j++) {
        const games = (wins[i]?.[j] ?? 0) + (wins[j]?.[i] ?? 0);
        if (j !== i && games > 0) denominator += games / (strength + (strengths[j] ?? 0));
      }
      return denominator === 0 ? strength : (totalWins[i] ?? 0) / denominator;
    });
    const sum = next.reduce((total, strength) => total + strength, 0);
    const scaled = next.map((strength) => strength / sum);
    // A system that never won sits at strength 0; only positive strengths can still move.
    const change = Math.max(
      0,
      ...scaled.map((strength, i) => (strength > 0 ? Math.abs(Math.log(strength / (strengths[i] ?? 1))) : 0)),
    );
    strengths = scaled;
    if (change <= tolerance) return { strengths, iterations: iteration, converged: true };
  }
  return { strengths, iterations: maxIterations, converged: false };
}

/**
 * Bradley-Terry strengths from pairwise judgements by the MM algorithm (ties count half a win to each side),
 * ranked strongest first, with each system's win rate and Wilson interval.
 * @example rankBradleyTerry([{ first: 'gpt', second: 'llama', winner: 'first' }, ...], { pseudoTies: 0.5 });
 */
export function rankBradleyTerry(
  comparisons: readonly PairwiseComparison[],
  options: BradleyTerryOptions = {},
): { systems: RankedSystem[]; iterations: number; converged: boolean } {
  const { level = 0.95, pseudoTies = 0, maxIterations = 10_000, tolerance = 1e-10 } = options;
  requireAtLeast('pseudoTies', pseudoTies, 0);
  requireInteger('maxIterations', maxIterations, 1);
  if (comparisons.length === 0)
    throw new SextantError('bad_request', 'a ranking needs at least one comparison');
  const { names, wins, records } = tally(comparisons, pseudoTies);
  const { strengths, iterations, converged } = fitStrengths(wins, maxIterations, tolerance);
  const systems = names.map((name, i): RankedSystem => {
    const record = records[i] ?? { wins: 0, losses: 0, ties: 0 };
    const played = record.wins + record.losses + record.ties;
    return {
      name,
      strength: strengths[i] ?? 0,
      ...record,
      comparisons: played,
      winRate: wilsonInterval(record.wins + record.ties / 2, played, level),
    };
  });
  systems.sort((first, second) => second.strength - first.strength || first.name.localeCompare(second.name));
  return { systems, iterations, converged };
}
