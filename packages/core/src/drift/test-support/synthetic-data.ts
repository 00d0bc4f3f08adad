import { createSeededRandom, type RandomSource, randomNormal } from '../../statistics/seeded-random.js';

/** `count` vectors of dimension `dimensions` drawn from N(mean, I), as Float32Array like stored embeddings. */
export function gaussianVectors(
  random: RandomSource,
  count: number,
  dimensions: number,
  mean: (dimension: number) => number = () => 0,
): Float32Array[] {
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: dimensions }, (_, dimension) => mean(dimension) + randomNormal(random)),
  );
}

/**
 * A mixture of well-separated Gaussian topic clusters: cluster c has its centre at 6 on axis c
 * (so every pair of centres is 6√2 apart) and unit noise. `weights` gives each cluster's share.
 */
export function topicMixture(
  random: RandomSource,
  count: number,
  dimensions: number,
  weights: readonly number[],
): { vectors: Float32Array[]; topics: number[] } {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const topics = Array.from({ length: count }, () => {
    let target = random() * total;
    for (let topic = 0; topic < weights.length; topic++) {
      target -= weights[topic]!;
      if (target < 0) return topic;
    }
    return weights.length - 1;
  });
  const vectors = topics.map((topic) =>
    Float32Array.from(
      { length: dimensions },
      (_, dimension) => (dimension === topic ? 6 : 0) + randomNormal(random),
    ),
  );
  return { vectors, topics };
}

/** Fraction of `repetitions` seeded trials for which `trial` returns true. */
export function rejectionRate(repetitions: number, trial: (seed: number) => boolean): number {
  let rejections = 0;
  for (let seed = 1; seed <= repetitions; seed++) if (trial(seed)) rejections++;
  return rejections / repetitions;
}

/** `count` draws from N(mean, sd²). */
export function normalSample(seed: number, count: number, mean = 0, sd = 1): number[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => randomNormal(random, mean, sd));
}

/** `count` labels drawn with the given probabilities per label. */
export function categoricalSample(
  random: RandomSource,
  count: number,
  probabilities: Record<string, number>,
): string[] {
  const entries = Object.entries(probabilities);
  return Array.from({ length: count }, () => {
    let target = random();
    for (const [label, probability] of entries) {
      target -= probability;
      if (target < 0) return label;
    }
    return entries[entries.length - 1]![0];
  });
}
