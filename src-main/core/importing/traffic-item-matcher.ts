/**
 * Finds the item a traffic row is about. Order exports key items by SKU or platform product ID,
 * and traffic reports by SKU, ASIN, 商品ID or (Shopify) the product handle. So a row's keys are
 * tried against item SKUs first, then its handle and title against item titles (a handle is the
 * title in lower case with hyphens). A row that matches nothing creates an item.
 */
import type { Db } from '../store/database.ts';
import type { TrafficRow } from '../ingest/traffic/traffic-rows.ts';

export class TrafficItemMatcher {
  private readonly bySku = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();
  private readonly insert;
  /** Items this import created. */
  created = 0;

  constructor(
    db: Db,
    private readonly importId: number,
  ) {
    const items = db.prepare('SELECT id, sku, title FROM items').all() as Array<{ id: number; sku: string; title: string }>;
    for (const item of items) {
      this.bySku.set(item.sku, item.id);
      if (item.title === '') continue;
      if (!this.byTitle.has(titleKey(item.title))) this.byTitle.set(titleKey(item.title), item.id);
      if (!this.byTitle.has(slug(item.title))) this.byTitle.set(slug(item.title), item.id);
    }
    this.insert = db.prepare('INSERT INTO items (sku, title, first_import_id) VALUES (?, ?, ?) RETURNING id');
  }

  itemId(row: TrafficRow): number {
    // A handle is also tried as a SKU: items that earlier traffic reports created are keyed by it.
    for (const key of row.keys) {
      const id = this.bySku.get(key);
      if (id !== undefined) return id;
    }
    const handle = row.keyIsHandle ? row.keys[0] : undefined;
    const byName = (handle === undefined ? undefined : this.byTitle.get(slug(handle))) ?? (row.title === null ? undefined : this.byTitle.get(titleKey(row.title)));
    if (byName !== undefined) return byName;
    return this.create(row);
  }

  private create(row: TrafficRow): number {
    const sku = row.keys[0] ?? (row.title as string);
    const { id } = this.insert.get(sku, row.title ?? '', this.importId) as { id: number };
    this.bySku.set(sku, id);
    if (row.title !== null) this.byTitle.set(titleKey(row.title), id);
    this.created++;
    return id;
  }
}

function titleKey(title: string): string {
  return title.trim().toLowerCase();
}

/** Shopify-style handle: lower case, runs of anything but letters and digits become one hyphen. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}
