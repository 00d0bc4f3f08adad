/** Which side of a canary a request is served by. */
export type CanaryArm = 'baseline' | 'candidate';

/**
 * FNV-1a over the text, then MurmurHash3's finalizer: cheap and stable across processes and versions. The
 * finalizer matters: plain FNV-1a barely moves the high bits for ids that differ only at the end (user-41,
 * user-42), which skewed the split of sequential ids.
 */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * The arm of a sticky key (user or session id): the same key always lands on the same arm of one canary,
 * and about `share` of keys land on the candidate. The canary id salts the hash, so one user is not always
 * in the candidate arm of every canary.
 * @example canaryArm('canary-7', 'user-42', 0.1); // 'baseline' or 'candidate', the same every time
 */
export function canaryArm(canaryId: string, stickyKey: string, share: number): CanaryArm {
  if (share <= 0) return 'baseline';
  if (share >= 1) return 'candidate';
  return hashText(`${canaryId}:${stickyKey}`) / 0x1_0000_0000 < share ? 'candidate' : 'baseline';
}
