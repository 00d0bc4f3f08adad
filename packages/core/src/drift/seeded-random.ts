/** A deterministic source of random numbers: the same seed gives the same sequence on every platform. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
  /** Standard normal (mean 0, variance 1). */
  nextGaussian(): number;
}

/**
 * Mulberry32 generator (32-bit state, period 2^32): fast and good enough for resampling and
 * simulations; not for cryptography.
 * @example const random = seededRandom(42); random.next(); // 0.6011...
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  let spareGaussian: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    nextInt: (maxExclusive) => Math.floor(next() * maxExclusive),
    nextGaussian: () => {
      if (spareGaussian !== null) {
        const value = spareGaussian;
        spareGaussian = null;
        return value;
      }
      // Box-Muller; 1 - next() is in (0, 1] so the logarithm is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spareGaussian = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}

/** Shuffles an array or typed array in place (Fisher-Yates). */
export function shuffleInPlace<T>(
  values: { length: number; [index: number]: T },
  random: SeededRandom,
): void {
  for (let index = values.length - 1; index > 0; index--) {
    const other = random.nextInt(index + 1);
    const held = values[index]!;
    values[index] = values[other]!;
    values[other] = held;
  }
}

/** `count` distinct indexes drawn uniformly from [0, size), in increasing order; all of them if count >= size. */
export function sampleIndexes(size: number, count: number, random: SeededRandom): number[] {
  if (count >= size) return Array.from({ length: size }, (_, index) => index);
  const pool = Array.from({ length: size }, (_, index) => index);
  for (let index = 0; index < count; index++) {
    const other = index + random.nextInt(size - index);
    const held = pool[index]!;
    pool[index] = pool[other]!;
    pool[other] = held;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}
