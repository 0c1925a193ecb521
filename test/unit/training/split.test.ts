import { afterEach, describe, expect, it } from 'vitest';

import { buildHistories } from '../../../src-main/core/training/histories.ts';
import { loadInteractions } from '../../../src-main/core/training/interactions.ts';
import { splitByLastDay } from '../../../src-main/core/training/split.ts';
import { createFixtureShop, type FixtureShop } from './shop-fixture.ts';

let shop: FixtureShop | null = null;
afterEach(() => shop?.close());

describe('last-day split', () => {
  it('holds out each repeat customer last day', () => {
    shop = createFixtureShop([
      // ann: three days; her last day (03-05) has A twice and C once.
      { customer: 'ann', order: 'o1', sku: 'A', at: '2024-03-01T09:00:00Z' },
      { customer: 'ann', order: 'o2', sku: 'B', at: '2024-03-02T09:00:00Z' },
      { customer: 'ann', order: 'o3', sku: 'A', at: '2024-03-05T08:00:00Z' },
      { customer: 'ann', order: 'o4', sku: 'A', at: '2024-03-05T20:00:00Z' },
      { customer: 'ann', order: 'o4', sku: 'C', at: '2024-03-05T20:00:00Z' },
      // bob: two orders on one day stay in training.
      { customer: 'bob', order: 'o5', sku: 'A', at: '2024-03-06T08:00:00Z' },
      { customer: 'bob', order: 'o6', sku: 'B', at: '2024-03-06T18:00:00Z' },
      // an anonymous line on the last day of the data stays in training.
      { customer: null, order: 'o7', sku: 'C', at: '2024-03-07T10:00:00Z' },
      // a return is no purchase and is not loaded (bob never bought C, so nothing is cancelled).
      { customer: 'bob', order: 'o8', sku: 'C', at: '2024-03-08T10:00:00Z', kind: 'return' },
    ]);
    const interactions = loadInteractions(shop.db);
    const split = splitByLastDay(interactions);

    expect(interactions.size).toBe(8);
    expect(split.testCustomers).toBe(1);
    expect(split.testLines).toBe(3);
    expect(split.trainLines).toBe(5);

    const heldOut = buildHistories(interactions, split.test);
    const ann = interactions.customerIds.indexOf(1);
    const annTest = Array.from(heldOut.item.subarray(heldOut.offsets[ann], heldOut.offsets[ann + 1]));
    const skuOf = (index: number): number => interactions.itemIds[index]!;
    expect(annTest.map(skuOf).sort()).toEqual([1, 3]);

    const train = buildHistories(interactions, split.train);
    const annTrain = Array.from(train.item.subarray(train.offsets[ann], train.offsets[ann + 1])).map(skuOf);
    expect(annTrain).toEqual([2, 1]);
  });

  it('histories count distinct days and sort newest first', () => {
    shop = createFixtureShop([
      { customer: 'cy', order: 'o1', sku: 'A', at: '2024-03-01T09:00:00Z' },
      { customer: 'cy', order: 'o2', sku: 'A', at: '2024-03-01T19:00:00Z' },
      { customer: 'cy', order: 'o3', sku: 'A', at: '2024-03-04T09:00:00Z' },
      { customer: 'cy', order: 'o3', sku: 'B', at: '2024-03-04T09:00:00Z' },
      { customer: 'cy', order: 'o4', sku: 'C', at: '2024-03-02T09:00:00Z' },
    ]);
    const interactions = loadInteractions(shop.db);
    const histories = buildHistories(interactions, new Uint8Array(interactions.size).fill(1));

    expect(Array.from(histories.item).map((i) => interactions.itemIds[i])).toEqual([1, 2, 3]);
    expect(Array.from(histories.days)).toEqual([2, 1, 1]);
    const march4 = Math.floor(Date.parse('2024-03-04T00:00:00Z') / 86_400_000);
    expect(histories.lastDay[0]).toBe(march4);
  });
});
