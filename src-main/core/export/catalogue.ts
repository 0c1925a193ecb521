import type { Db } from '../store/database.ts';

export interface CatalogueItem {
  id: number;
  sku: string;
  title: string;
  unitPrice: number | null;
  currency: string | null;
}

/**
 * The workspace's products, loaded once per export. Every SKU an export writes is looked up
 * here, so a file can never name a product the workspace does not have: WooCommerce would
 * create a placeholder product for an unknown SKU and Magento would skip it silently.
 */
export class Catalogue {
  private readonly byId = new Map<number, CatalogueItem>();
  private readonly bySku = new Map<string, CatalogueItem>();

  constructor(db: Db) {
    const rows = db.prepare('SELECT id, sku, title, unit_price AS unitPrice, currency FROM items ORDER BY id').all() as CatalogueItem[];
    for (const row of rows) {
      this.byId.set(row.id, row);
      this.bySku.set(row.sku, row);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  items(): IterableIterator<CatalogueItem> {
    return this.byId.values();
  }

  byRowId(id: number): CatalogueItem | undefined {
    return this.byId.get(id);
  }

  bySkuValue(sku: string): CatalogueItem | undefined {
    return this.bySku.get(sku);
  }
}

/** Items imported without a title are named by their SKU. */
export function displayTitle(item: { sku: string; title: string }): string {
  return item.title.trim() === '' ? item.sku : item.title;
}
