import { afterEach, describe, expect, it } from 'vitest';

import { recommendForCustomer, recommendForItem } from '../../../src-main/core/recommend/recommend.ts';
import { searchCustomers, searchItems } from '../../../src-main/core/recommend/search.ts';
import { runTraining } from '../../../src-main/core/training/run-training.ts';
import { createFixtureShop, tasteShopLines, type FixtureLine, type FixtureShop } from '../training/shop-fixture.ts';

let shop: FixtureShop | null = null;
afterEach(() => shop?.close());

/** Customers c00..c05 also buy the refill R1 on two separate days, so R1 is a re-buy item. */
function refillLines(): FixtureLine[] {
  const lines: FixtureLine[] = [];
  for (let c = 0; c < 6; c++) {
    const id = `c0${c}`;
    lines.push({ customer: id, order: `${id}-r1`, sku: 'R1', title: 'Refill pack', at: '2023-12-01T10:00:00Z' });
    lines.push({ customer: id, order: `${id}-r2`, sku: 'R1', title: 'Refill pack', at: '2023-12-08T10:00:00Z' });
  }
  return lines;
}

async function trainedShop(lines: FixtureLine[]): Promise<FixtureShop> {
  shop = createFixtureShop(lines);
  await runTraining(shop.db);
  return shop;
}

describe('recommendForCustomer', () => {
  it('leaves out bought items except re-buy items', async () => {
    const { db } = await trainedShop([...tasteShopLines(24), ...refillLines()]);
    const result = recommendForCustomer(db, 'c00', { limit: 12 });
    const skus = result.items.map((item) => item.sku);

    // c00 bought G1, B1, G2, G3 and R1; only the re-buy item R1 may come back.
    expect(skus).not.toContain('G1');
    expect(skus).not.toContain('B1');
    expect(skus).not.toContain('G3');
    expect(skus).toContain('R1');
    expect(result.items.find((item) => item.sku === 'R1')!.reason).toEqual({ key: 'reason.rebuy', params: {} });
    expect(result.recentPurchases[0]).toMatchObject({ sku: 'G3', title: 'G item 3', quantity: 1 });
    expect(result.items.map((item) => item.rank)).toEqual(skus.map((_, i) => i + 1));
  });

  it('explains kNN items by a history item', async () => {
    const { db } = await trainedShop(tasteShopLines(24));
    const result = recommendForCustomer(db, 'c00');
    expect(result.model).toBe('item-knn');
    const first = result.items[0]!;
    expect(first.sku.startsWith('G')).toBe(true);
    expect(first.reason.key).toBe('reason.similarToPurchase');
    expect(['G item 1', 'G item 2', 'G item 3', 'Best seller']).toContain(first.reason.params.item);
  });

  it('fills with best sellers and their buyer counts', async () => {
    // Nobody else bought Z1, so item-kNN has nothing for this customer.
    const solo: FixtureLine = { customer: 'solo', order: 'z1', sku: 'Z1', at: '2024-01-05T10:00:00Z' };
    const { db } = await trainedShop([...tasteShopLines(24), solo]);
    const result = recommendForCustomer(db, 'solo', { limit: 10 });
    const popular = result.items.filter((item) => item.reason.key === 'reason.popular');
    expect(popular).toHaveLength(10);
    expect(popular[0]!.sku).toBe('B1');
    for (const item of popular) {
      const counted = db
        .prepare(
          `SELECT COUNT(DISTINCT e.customer_id) + COUNT(DISTINCT CASE WHEN e.customer_id IS NULL THEN e.order_id END) AS n
           FROM events e JOIN items i ON i.id = e.item_id WHERE i.sku = ? AND e.kind = 'purchase'`,
        )
        .get(item.sku) as { n: number };
      expect(item.reason.params.customers).toBe(counted.n);
    }
    const scores = result.items.map((item) => item.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('rejects an unknown customer', async () => {
    const { db } = await trainedShop(tasteShopLines(24));
    expect(() => recommendForCustomer(db, 'nobody')).toThrow(expect.objectContaining({ code: 'recommend.customerNotFound', params: { customer: 'nobody' } }));
  });

  it('needs a completed run', () => {
    shop = createFixtureShop(tasteShopLines(24));
    expect(() => recommendForCustomer(shop!.db, 'c00')).toThrow(expect.objectContaining({ code: 'training.noRun' }));
  });
});

describe('recommendForItem', () => {
  it('lists bought-together items first', async () => {
    const { db } = await trainedShop(tasteShopLines(24));
    const result = recommendForItem(db, 'G1', { limit: 5 });
    // G1 shares three anonymous orders with G2 and three first orders with B1 (c00, c10, c20);
    // G2 is in 8 of the 75 orders and B1 in 24, so G2 has the higher lift and comes first.
    expect(result.boughtTogether[0]).toMatchObject({
      sku: 'G2',
      reason: { key: 'reason.boughtTogether', params: { item: 'G item 1', orders: 3 } },
    });
    expect(result.boughtTogether[1]).toMatchObject({ sku: 'B1', reason: { params: { orders: 3 } } });
    expect(result.boughtTogether.slice(2).every((item) => item.reason.key === 'reason.similarToPurchase')).toBe(true);
    expect(result.boughtTogether).toHaveLength(5);
  });

  it('rejects an unknown sku', async () => {
    const { db } = await trainedShop(tasteShopLines(24));
    expect(() => recommendForItem(db, 'NOPE')).toThrow(expect.objectContaining({ code: 'recommend.itemNotFound' }));
  });
});

describe('search', () => {
  it('finds items by sku prefix or title', () => {
    shop = createFixtureShop([
      ...tasteShopLines(12),
      { customer: 'c00', order: 'x1', sku: 'X-9', title: '蓝色保温杯 Blue Mug', at: '2024-02-01T10:00:00Z' },
    ]);
    expect(searchItems(shop.db, 'g1', 10).map((item) => item.sku)).toEqual(['G1']);
    expect(searchItems(shop.db, 'blue mug', 10).map((item) => item.sku)).toEqual(['X-9']);
    expect(searchItems(shop.db, '保温', 10)[0]).toMatchObject({ sku: 'X-9', customers: 1, quantity: 1 });
    expect(searchItems(shop.db, '%', 10)).toEqual([]);
  });

  it('finds customers by id', () => {
    shop = createFixtureShop(tasteShopLines(12));
    const found = searchCustomers(shop.db, 'c1', 5);
    expect(found.map((c) => c.customerId)).toEqual(['c10', 'c11']);
    expect(found[0]).toMatchObject({ orders: 3, country: null });
  });
});
