import type { RandomSource } from '@sextant/core/statistics';

/** The fuzz runs' seeded PRNG (xoshiro128**), so a failure replays exactly from its seed. */
export { createSeededRandom as seededRandom } from '@sextant/core/statistics';

/** Flips, inserts, deletes or duplicates a few bytes of a valid payload. */
export function mutateBytes(input: Uint8Array, random: RandomSource): Uint8Array {
  const bytes = [...input];
  const edits = 1 + Math.floor(random() * 4);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * bytes.length);
    const choice = random();
    if (choice < 0.4) bytes[at] = Math.floor(random() * 256);
    else if (choice < 0.6) bytes.splice(at, 1 + Math.floor(random() * 8));
    else if (choice < 0.8) bytes.splice(at, 0, Math.floor(random() * 256));
    else bytes.splice(at, 0, ...bytes.slice(at, at + Math.floor(random() * 32)));
  }
  return Uint8Array.from(bytes);
}
