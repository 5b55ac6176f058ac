/**
 * A small seeded pseudo-random source for the release's bootstrap: the same seed gives the same
 * numbers, on Node and on Workers alike (no Node-only module). The seed string is hashed (FNV-1a,
 * then a murmur-style finaliser) into the 32-bit state of mulberry32. Not for secrets: ids and
 * tokens come from crypto.getRandomValues.
 */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
