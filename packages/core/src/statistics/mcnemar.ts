import { binomialCdf } from './special-functions.js';
import { requireInteger } from './validation.js';

/** The two discordant cells of a paired pass/fail table. */
export interface DiscordantPairs {
  /** Items the baseline passed and the candidate failed. */
  baselineOnly: number;
  /** Items the candidate passed and the baseline failed. */
  candidateOnly: number;
}

/** Exact McNemar p-values; `greater` tests "candidate passes more often", `less` tests a regression. */
export interface McNemarResult extends DiscordantPairs {
  discordant: number;
  pValue: { twoSided: number; greater: number; less: number };
}

/** Counts the 2x2 table of paired pass/fail outcomes (one entry per item). */
export function countPairedOutcomes(
  pairs: readonly { baseline: boolean; candidate: boolean }[],
): DiscordantPairs & { bothPassed: number; bothFailed: number } {
  const counts = { baselineOnly: 0, candidateOnly: 0, bothPassed: 0, bothFailed: 0 };
  for (const { baseline, candidate } of pairs) {
    if (baseline && candidate) counts.bothPassed++;
    else if (baseline) counts.baselineOnly++;
    else if (candidate) counts.candidateOnly++;
    else counts.bothFailed++;
  }
  return counts;
}

/**
 * McNemar's exact (conditional binomial) test: under no change each discordant pair is a fair coin.
 * @example mcnemarExactTest({ baselineOnly: 1, candidateOnly: 7 }).pValue.twoSided; // 0.0703
 */
export function mcnemarExactTest(counts: DiscordantPairs): McNemarResult {
  const { baselineOnly, candidateOnly } = counts;
  requireInteger('baselineOnly', baselineOnly, 0);
  requireInteger('candidateOnly', candidateOnly, 0);
  const discordant = baselineOnly + candidateOnly;
  const atMost = binomialCdf(candidateOnly, discordant, 0.5);
  const atLeast = 1 - binomialCdf(candidateOnly - 1, discordant, 0.5);
  return {
    baselineOnly,
    candidateOnly,
    discordant,
    pValue: { twoSided: Math.min(1, 2 * Math.min(atMost, atLeast)), greater: atLeast, less: atMost },
  };
}
