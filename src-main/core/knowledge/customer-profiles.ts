import type { Db } from '../store/database.ts';
import { SECONDS_PER_DAY } from '../training/interactions.ts';

const FAVOURITE_ITEMS = 5;
const KEYWORDS = 5;
/** Title words that say nothing about a customer's interests. */
const STOP_WORDS = new Set(['and', 'the', 'for', 'with', 'set', 'of', 'in', 'pack', 'box', 'assorted', 'design']);

export interface FavouriteItem {
  sku: string;
  title: string;
  orders: number;
}

interface PurchaseRow {
  orderId: number;
  itemId: number;
  sku: string;
  title: string;
  kind: 'purchase' | 'return';
  quantity: number;
  unitPrice: number | null;
  occurredAt: number;
}

/**
 * Recomputes the profile of every customer with a line in import `importId`, from all of that
 * customer's lines. Other customers' profiles cannot change, so an import costs only its own
 * customers. UCI exports have no product category, so interests are favourite items and the
 * most frequent words of their titles. Runs inside the caller's transaction.
 */
export function updateProfiles(db: Db, importId: number): number {
  const customers = db
    .prepare('SELECT DISTINCT customer_id FROM events WHERE import_id = ? AND customer_id IS NOT NULL')
    .pluck()
    .all(importId) as number[];
  const bands = priceBandLimits(db);
  const lines = db.prepare(
    `SELECT e.order_id AS orderId, e.item_id AS itemId, i.sku, i.title, e.kind, e.quantity, e.unit_price AS unitPrice,
            e.occurred_at AS occurredAt
     FROM events e JOIN items i ON i.id = e.item_id
     WHERE e.customer_id = ?`,
  );
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO customer_profiles (customer_id, orders, distinct_days, first_order_at, last_order_at, monetary,
       distinct_items, median_unit_price, price_band, favourite_items_json, keywords_json, updated_import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  for (const customerId of customers) {
    const profile = buildProfile(lines.all(customerId) as PurchaseRow[], bands);
    upsert.run(
      customerId,
      profile.orders,
      profile.distinctDays,
      profile.firstOrderAt,
      profile.lastOrderAt,
      profile.monetary,
      profile.distinctItems,
      profile.medianUnitPrice,
      profile.priceBand,
      JSON.stringify(profile.favouriteItems),
      JSON.stringify(profile.keywords),
      importId,
    );
  }
  return customers.length;
}

interface Profile {
  orders: number;
  distinctDays: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  /** Value of purchases minus value of returns, quantity times unit price. */
  monetary: number;
  distinctItems: number;
  medianUnitPrice: number | null;
  priceBand: 'low' | 'mid' | 'high' | null;
  favouriteItems: FavouriteItem[];
  keywords: string[];
}

function buildProfile(rows: PurchaseRow[], bands: PriceBands | null): Profile {
  const purchases = rows.filter((row) => row.kind === 'purchase');
  const orders = new Set(purchases.map((row) => row.orderId));
  const days = new Set(purchases.map((row) => Math.floor(row.occurredAt / SECONDS_PER_DAY)));
  const times = purchases.map((row) => row.occurredAt);
  const monetary = rows.reduce((sum, row) => sum + (row.kind === 'purchase' ? 1 : -1) * row.quantity * (row.unitPrice ?? 0), 0);
  const prices = purchases.map((row) => row.unitPrice).filter((price): price is number => price !== null && price > 0);
  const medianUnitPrice = median(prices);

  return {
    orders: orders.size,
    distinctDays: days.size,
    firstOrderAt: times.length === 0 ? null : Math.min(...times),
    lastOrderAt: times.length === 0 ? null : Math.max(...times),
    monetary: Math.round(monetary * 100) / 100,
    distinctItems: new Set(purchases.map((row) => row.itemId)).size,
    medianUnitPrice,
    priceBand: medianUnitPrice === null || bands === null ? null : bandOf(medianUnitPrice, bands),
    favouriteItems: favouriteItems(purchases),
    keywords: keywords(purchases),
  };
}

/** Items bought in the most orders, ties by SKU. */
function favouriteItems(purchases: PurchaseRow[]): FavouriteItem[] {
  const byItem = new Map<number, { sku: string; title: string; orders: Set<number> }>();
  for (const row of purchases) {
    const entry = byItem.get(row.itemId) ?? { sku: row.sku, title: row.title, orders: new Set<number>() };
    entry.orders.add(row.orderId);
    byItem.set(row.itemId, entry);
  }
  return [...byItem.values()]
    .map((entry) => ({ sku: entry.sku, title: entry.title, orders: entry.orders.size }))
    .sort((a, b) => b.orders - a.orders || a.sku.localeCompare(b.sku, 'en'))
    .slice(0, FAVOURITE_ITEMS);
}

/** Words of three or more letters in the titles of bought items, counted once per distinct item. */
function keywords(purchases: PurchaseRow[]): string[] {
  const counts = new Map<string, number>();
  const seenItems = new Set<number>();
  for (const row of purchases) {
    if (seenItems.has(row.itemId)) continue;
    seenItems.add(row.itemId);
    const words = new Set(row.title.normalize('NFKC').toLowerCase().match(/\p{L}{3,}/gu) ?? []);
    for (const word of words) if (!STOP_WORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, KEYWORDS)
    .map(([word]) => word);
}

interface PriceBands {
  lowBelow: number;
  highFrom: number;
}

/** Terciles of the catalogue prices: a customer's median price paid falls low, mid or high. */
function priceBandLimits(db: Db): PriceBands | null {
  const prices = db.prepare('SELECT unit_price FROM items WHERE unit_price > 0 ORDER BY unit_price').pluck().all() as number[];
  if (prices.length < 3) return null;
  return { lowBelow: prices[Math.floor(prices.length / 3)]!, highFrom: prices[Math.floor((2 * prices.length) / 3)]! };
}

function bandOf(price: number, bands: PriceBands): 'low' | 'mid' | 'high' {
  if (price < bands.lowBelow) return 'low';
  return price >= bands.highFrom ? 'high' : 'mid';
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
