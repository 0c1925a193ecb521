import { describe, expect, it } from 'vitest';

import { FingerprintSet } from '../../../src-main/core/importing/fingerprint-set.ts';

/** Deterministic 53-bit values (a linear congruential sequence), with repeats mixed in. */
function fingerprints(count: number): number[] {
  const values: number[] = [];
  let state = 12345;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const high = state & 0x1fffff;
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    values.push(high * 2 ** 32 + state);
    if (i % 10 === 0) values.push(values[Math.floor(i / 2)]!);
  }
  return values;
}

describe('FingerprintSet', () => {
  it('agrees with a Set across growth', () => {
    const set = new FingerprintSet();
    const reference = new Set<number>();
    let disagreements = 0;
    let repeats = 0;
    for (const value of fingerprints(300_000)) {
      if (set.add(value) === reference.has(value)) disagreements++;
      if (reference.has(value)) repeats++;
      reference.add(value);
    }
    expect(disagreements).toBe(0);
    expect(repeats).toBe(30_000);
    expect(set.size).toBe(reference.size);
  });

  it('keeps its values when reserving room', () => {
    const values = fingerprints(50_000);
    const set = new FingerprintSet();
    for (const value of values.slice(0, 20_000)) set.add(value);
    const sizeBefore = set.size;

    set.reserve(1_000_000);

    expect(set.size).toBe(sizeBefore);
    expect(values.slice(0, 20_000).filter((value) => set.add(value))).toEqual([]);
    expect(values.slice(20_000).filter((value) => set.add(value)).length).toBe(new Set(values).size - sizeBefore);
  });

  it('is empty after clear', () => {
    const set = new FingerprintSet(10);
    set.add(0);
    set.add(42);

    set.clear();

    expect(set.size).toBe(0);
    expect(set.add(42)).toBe(true);
    expect(set.add(0)).toBe(true);
  });

  it('keeps zero and values that share their low 32 bits apart', () => {
    const set = new FingerprintSet();
    expect(set.add(0)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.add(7)).toBe(true);
    expect(set.add(2 ** 32 + 7)).toBe(true);
    expect(set.add(2 ** 52 + 7)).toBe(true);
    expect(set.add(2 ** 32 + 7)).toBe(false);
    expect(set.size).toBe(4);
  });
});
