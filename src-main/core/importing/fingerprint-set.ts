/**
 * A set of 53-bit line fingerprints in one typed array (open addressing, linear probing).
 * A `Set<number>` boxes every value above 2^31 as a heap number. For 530,000 random values
 * this set took a third to a half of the time of a `Set<number>` in our measurement.
 * Fingerprints are already well-mixed hashes, so their low bits serve as the slot index.
 *
 * Memory: 8 bytes per slot, and the table doubles when it is three quarters full, so a million
 * fingerprints take 11 to 21 MB (16 MB at exactly one million), plus the old table while growing.
 */
const EMPTY = 0;
const INITIAL_CAPACITY = 1 << 16;

export class FingerprintSet {
  private slots: Float64Array;
  private mask: number;
  private count = 0;
  /** 0 marks an empty slot, so a zero fingerprint is kept apart. */
  private hasZero = false;

  /** `expectedSize` sizes the table up front, so that adding that many values never grows it. */
  constructor(expectedSize = 0) {
    this.slots = new Float64Array(capacityFor(expectedSize));
    this.mask = this.slots.length - 1;
  }

  /**
   * Grows the table at once to hold `expectedSize` values. Growing once to the final size skips
   * the intermediate tables, and while growing the old table and the new one are both allocated.
   */
  reserve(expectedSize: number): void {
    if (capacityFor(expectedSize) > this.slots.length) this.rehash(capacityFor(expectedSize));
  }

  /** Removes every value and returns the table's memory to the garbage collector. */
  clear(): void {
    this.slots = new Float64Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.count = 0;
    this.hasZero = false;
  }

  get size(): number {
    return this.count + (this.hasZero ? 1 : 0);
  }

  /** Adds the fingerprint; returns false when it was already present. */
  add(fingerprint: number): boolean {
    if (fingerprint === EMPTY) {
      if (this.hasZero) return false;
      this.hasZero = true;
      return true;
    }

    const slots = this.slots;
    let slot = (fingerprint >>> 0) & this.mask;
    for (;;) {
      const value = slots[slot]!;
      if (value === fingerprint) return false;
      if (value === EMPTY) break;
      slot = (slot + 1) & this.mask;
    }
    slots[slot] = fingerprint;
    this.count += 1;
    if (isOverfull(this.count, slots.length)) this.rehash(slots.length * 2);
    return true;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Float64Array(capacity);
    this.mask = this.slots.length - 1;
    this.count = 0;
    for (const value of old) if (value !== EMPTY) this.add(value);
  }
}

function capacityFor(size: number): number {
  let capacity = INITIAL_CAPACITY;
  while (isOverfull(size, capacity)) capacity *= 2;
  return capacity;
}

/** Linear probing slows down sharply above a load factor of about 0.75. */
function isOverfull(count: number, capacity: number): boolean {
  return count * 4 > capacity * 3;
}
