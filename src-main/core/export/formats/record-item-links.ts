import type { CatalogueItem } from '../catalogue.ts';
import type { ExportContext } from './types.ts';

/**
 * Records each product linked to `anchor` once, ranked by where it first appears across the
 * file's link columns (cross-sells first, then related, then up-sells).
 */
export function recordItemLinks(context: ExportContext, anchor: CatalogueItem, columns: readonly CatalogueItem[][]): void {
  const seen = new Set<number>();
  for (const item of columns.flat()) {
    if (seen.has(item.id) || item.id === anchor.id) continue;
    seen.add(item.id);
    context.record({ customerId: null, anchorItemId: anchor.id, itemId: item.id, rank: seen.size });
  }
}
