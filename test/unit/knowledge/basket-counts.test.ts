import { afterEach, describe, expect, it } from 'vitest';

import { rulesForItem } from '../../../src-main/core/knowledge/association-rules.ts';
import { updateKnowledgeAfterImport } from '../../../src-main/core/knowledge/after-import.ts';
import { addLines, createFixtureShop, type FixtureShop } from '../training/shop-fixture.ts';

let shop: FixtureShop | null = null;

afterEach(() => {
  shop?.close();
  shop = null;
});

function pairs(shop: FixtureShop): Record<string, [number, number]> {
  const rows = shop.db
    .prepare(
      `SELECT a.sku AS a, b.sku AS b, p.orders, p.customers FROM item_pairs p
       JOIN items a ON a.id = p.item_id JOIN items b ON b.id = p.other_item_id`,
    )
    .all() as { a: string; b: string; orders: number; customers: number }[];
  return Object.fromEntries(rows.map((row) => [[row.a, row.b].sort().join('+'), [row.orders, row.customers]]));
}

describe('basket counts', () => {
  it('counts an order that grows in a later import once', async () => {
    shop = createFixtureShop([
      { customer: 'c1', order: 'O1', sku: 'A', at: '2024-03-01' },
      { customer: 'c1', order: 'O1', sku: 'B', at: '2024-03-01' },
      { customer: 'c2', order: 'O2', sku: 'A', at: '2024-03-02' },
      { customer: 'c2', order: 'O2', sku: 'B', at: '2024-03-02' },
      { customer: null, order: 'O3', sku: 'A', at: '2024-03-03' },
      { customer: null, order: 'O3', sku: 'C', at: '2024-03-03' },
    ]);
    await updateKnowledgeAfterImport(shop.db);
    expect(pairs(shop)).toEqual({ 'A+B': [2, 2], 'A+C': [1, 0] });

    addLines(shop.db, [
      { customer: 'c1', order: 'O1', sku: 'C', at: '2024-03-01' },
      { customer: 'c1', order: 'O4', sku: 'A', at: '2024-04-01' },
      { customer: 'c1', order: 'O4', sku: 'B', at: '2024-04-01' },
    ]);
    const update = await updateKnowledgeAfterImport(shop.db);

    expect(update.importIds).toEqual([2]);
    expect(update.baskets).toBe(1);
    expect(pairs(shop)).toEqual({ 'A+B': [3, 2], 'A+C': [2, 1], 'B+C': [1, 1] });
    expect(shop.db.prepare('SELECT baskets FROM basket_totals').pluck().get()).toBe(4);
  });

  it('removes pairs of an order grown past a basket', async () => {
    shop = createFixtureShop([
      { customer: 'c1', order: 'O1', sku: 'A', at: '2024-03-01' },
      { customer: 'c1', order: 'O1', sku: 'B', at: '2024-03-01' },
      { customer: 'c2', order: 'O2', sku: 'A', at: '2024-03-02' },
      { customer: 'c2', order: 'O2', sku: 'C', at: '2024-03-02' },
    ]);
    await updateKnowledgeAfterImport(shop.db);
    expect(pairs(shop)).toEqual({ 'A+B': [1, 1], 'A+C': [1, 1] });

    // A wholesale restock: 200 more items make O1 too large to count as a basket.
    const restock = Array.from({ length: 200 }, (_, i) => ({ customer: 'c1', order: 'O1', sku: `R${i}`, at: '2024-03-01' }));
    addLines(shop.db, restock);
    const update = await updateKnowledgeAfterImport(shop.db);

    expect(update.baskets).toBe(-1);
    expect(update.pairsChanged).toBe(1);
    expect(pairs(shop)).toEqual({ 'A+C': [1, 1] });
    expect(shop.db.prepare('SELECT baskets FROM basket_totals').pluck().get()).toBe(1);
    expect(shop.db.prepare(`SELECT orders FROM item_baskets b JOIN items i ON i.id = b.item_id WHERE i.sku = 'A'`).pluck().get()).toBe(1);
  });

  it('derives support, confidence and lift', async () => {
    shop = createFixtureShop([
      { customer: 'c1', order: 'O1', sku: 'A', at: '2024-03-01' },
      { customer: 'c1', order: 'O1', sku: 'B', at: '2024-03-01' },
      { customer: 'c2', order: 'O2', sku: 'A', at: '2024-03-02' },
      { customer: 'c2', order: 'O2', sku: 'B', at: '2024-03-02' },
      { customer: 'c3', order: 'O3', sku: 'A', at: '2024-03-03' },
      { customer: 'c4', order: 'O4', sku: 'C', at: '2024-03-03' },
    ]);
    await updateKnowledgeAfterImport(shop.db);
    const itemA = shop.db.prepare(`SELECT id FROM items WHERE sku = 'A'`).pluck().get() as number;
    const [rule] = rulesForItem(shop.db, itemA, 5);

    // 4 baskets, A in 3, B in 2, A+B in 2: support 2/4, confidence 2/3, lift (2/3)/(2/4).
    expect(rule).toMatchObject({ sku: 'B', ordersTogether: 2, customers: 2 });
    expect(rule!.support).toBeCloseTo(0.5, 12);
    expect(rule!.confidence).toBeCloseTo(2 / 3, 12);
    expect(rule!.lift).toBeCloseTo(4 / 3, 12);
  });
});
