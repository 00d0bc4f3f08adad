/** mulberry32: a tiny seeded PRNG so fuzz runs are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Flips, inserts, deletes or duplicates a few bytes of a valid payload. */
export function mutateBytes(input: Uint8Array, random: () => number): Uint8Array {
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
