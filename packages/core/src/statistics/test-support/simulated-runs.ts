import type { PairedItemScores } from '../paired-comparison.js';
import { type RandomSource, randomNormal } from '../seeded-random.js';

function bernoulliRepeats(random: RandomSource, rate: number, repeats: number): number[] {
  return Array.from({ length: repeats }, () => (random() < rate ? 1 : 0));
}

/** Pass/fail items of varied difficulty: pass rate q_i ~ U(0.3, 0.95); the candidate's rate is q_i + shift. */
export function simulatePassFailRun(
  random: RandomSource,
  items: number,
  repeats: number,
  shift: number,
): PairedItemScores[] {
  return Array.from({ length: items }, () => {
    const rate = 0.3 + 0.65 * random();
    return {
      baseline: bernoulliRepeats(random, rate, repeats),
      candidate: bernoulliRepeats(random, rate + shift, repeats),
    };
  });
}

/**
 * Continuous scores: item quality N(0.6, 0.2²), the candidate changes each item by shift + N(0, between),
 * each repeat adds N(0, noise²). One repeat's paired difference then has variance between + 2·noise² and
 * intra-item correlation between / (between + 2·noise²).
 */
export function simulateContinuousRun(
  random: RandomSource,
  design: { items: number; repeats: number; shift: number; between: number; noise: number },
): PairedItemScores[] {
  const { items, repeats, shift, between, noise } = design;
  return Array.from({ length: items }, () => {
    const quality = randomNormal(random, 0.6, 0.2);
    const change = shift + randomNormal(random, 0, Math.sqrt(between));
    const draw = (center: number) =>
      Array.from({ length: repeats }, () => randomNormal(random, center, noise));
    return { baseline: draw(quality), candidate: draw(quality + change) };
  });
}
