import { describe, expect, it } from 'vitest';

import { difference, pairItems, PairTally, type PairCounts } from '../../../src-main/core/knowledge/pair-tally.ts';

/** Counts pairs the simple way, keyed by "low-high". */
function referenceCounts(pairs: [number, number][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [a, b] of pairs) {
    const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function asMap(counted: PairCounts): Map<string, number> {
  const counts = new Map<string, number>();
  counted.keys.forEach((key, i) => counts.set(pairItems(key).join('-'), counted.counts[i]!));
  return counts;
}

/** Pairs of two different items from a fixed pseudo-random sequence. */
function randomPairs(count: number, items: number): [number, number][] {
  let state = 12345;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) % items;
  const pairs: [number, number][] = [];
  while (pairs.length < count) {
    const a = 1 + next();
    const b = 1 + next();
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}

describe('PairTally', () => {
  // Many pairs over few items are counted by first item, few over many items as one sorted list.
  it.each([
    ['by first item', 20_000, 50],
    ['as one list', 200, 5_000],
  ])('counts pairs %s', (_way, count, items) => {
    const pairs = randomPairs(count, items);
    const tally = new PairTally(16);
    for (const [a, b] of pairs) tally.add(a, b);

    const counted = tally.count();

    expect(asMap(counted)).toEqual(referenceCounts(pairs));
    expect([...counted.keys]).toEqual([...counted.keys].sort((x, y) => x - y));
  });

  it('adds every pair of a basket', () => {
    const tally = new PairTally();
    tally.addBasket([3, 1, 2]);

    expect(asMap(tally.count())).toEqual(new Map([['1-3', 1], ['2-3', 1], ['1-2', 1]]));
    expect(tally.count().keys.length).toBe(0);
  });
});

describe('difference', () => {
  it('keeps only changed pairs', () => {
    const added = new PairTally();
    added.addBasket([1, 2, 3]);
    added.add(1, 2);
    const removed = new PairTally();
    removed.addBasket([1, 3]);
    removed.add(4, 5);

    const { keys, changes } = difference(added.count(), removed.count());

    const byPair = Object.fromEntries([...keys].map((key, i) => [pairItems(key).join('-'), changes[i]]));
    expect(byPair).toEqual({ '1-2': 2, '2-3': 1, '4-5': -1 });
  });
});
