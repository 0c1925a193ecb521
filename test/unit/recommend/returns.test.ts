import { afterEach, describe, expect, it } from 'vitest';

import { HistoryReader } from '../../../src-main/core/recommend/customer-history.ts';
import { fullyReturnedPairs, loadInteractions } from '../../../src-main/core/training/interactions.ts';
import { createFixtureShop, type FixtureLine, type FixtureShop } from '../training/shop-fixture.ts';

let shop: FixtureShop | null = null;
afterEach(() => shop?.close());

/** Customer 12346 bought 74,215 jars and returned all of them; customer 17850 kept 2 of 3 mugs. */
const lines: FixtureLine[] = [
  { customer: '12346', order: '541431', sku: '23166', title: 'MEDIUM CERAMIC TOP STORAGE JAR', quantity: 74215, at: '2011-01-18T10:01:00Z' },
  { customer: '12346', order: 'C541433', sku: '23166', title: 'MEDIUM CERAMIC TOP STORAGE JAR', quantity: 74215, kind: 'return', at: '2011-01-18T10:17:00Z' },
  { customer: '17850', order: '536365', sku: '22633', title: 'HAND WARMER UNION JACK', quantity: 3, at: '2010-12-01T08:26:00Z' },
  { customer: '17850', order: 'C536379', sku: '22633', title: 'HAND WARMER UNION JACK', quantity: 1, kind: 'return', at: '2010-12-01T09:41:00Z' },
  { customer: '17850', order: '536366', sku: '71053', title: 'WHITE METAL LANTERN', quantity: 6, at: '2010-12-02T08:28:00Z' },
];

function customerRowId(externalId: string): number {
  return (shop!.db.prepare('SELECT id FROM customers WHERE external_id = ?').get(externalId) as { id: number }).id;
}

describe('returned purchases', () => {
  it('finds items returned in full', () => {
    shop = createFixtureShop(lines);
    const pairs = fullyReturnedPairs(shop.db);

    expect(pairs.size).toBe(1);
  });

  it('leaves fully returned items out of the history', () => {
    shop = createFixtureShop(lines);
    const history = new HistoryReader(shop.db);

    expect(history.read(customerRowId('12346'))).toEqual([]);
    const kept = history.read(customerRowId('17850'));
    expect(kept.map((entry) => entry.sku)).toEqual(['71053', '22633']);
    expect(kept.find((entry) => entry.sku === '22633')!.quantity).toBe(2);
  });

  it('leaves fully returned items out of training', () => {
    shop = createFixtureShop(lines);
    const interactions = loadInteractions(shop.db);

    expect(interactions.size).toBe(2);
    expect(interactions.customerIds).not.toContain(customerRowId('12346'));
  });
});
