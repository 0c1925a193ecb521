/**
 * Seeded tie-break key for an item (by database id): equal scores are ordered by this key, so a
 * ranking is the same on every run with the same seed, in training and in serving.
 */
export function tieBreakKey(itemId: number, seed: number): number {
  let h = Math.imul(itemId ^ 0x9e3779b9, 0x85ebca6b) ^ seed;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Tie-break keys for items given by database id, indexed like `itemIds`. */
export function tieBreakKeys(itemIds: readonly number[], seed: number): Uint32Array {
  const keys = new Uint32Array(itemIds.length);
  for (let i = 0; i < itemIds.length; i++) keys[i] = tieBreakKey(itemIds[i]!, seed);
  return keys;
}
