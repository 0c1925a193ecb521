/**
 * Layout recognition from header names, never from column positions: platforms add, drop and
 * reorder columns between export versions. Known layouts are matched by their full column set;
 * anything else is mapped field by field through the synonym table.
 */
import type { CanonicalField, ColumnMapping, SourceFormat } from '../../api/contract.ts';
import { ShopRecError } from '../errors.ts';
import {
  FIELD_SYNONYMS,
  KNOWN_HEADER_NAMES,
  ONLINE_RETAIL_COLUMNS,
  ONLINE_RETAIL_II_COLUMNS,
  SHOPIFY_COLUMNS,
  SHOPIFY_REQUIRED,
  normaliseHeader,
} from './header-synonyms.ts';

export interface LayoutMatch {
  format: SourceFormat;
  mapping: ColumnMapping;
}

const GENERIC_FIELD_ORDER: readonly CanonicalField[] = [
  'orderId', 'sku', 'title', 'quantity', 'unitPrice', 'lineAmount', 'orderedAt',
  'customerId', 'customerName', 'country', 'currency', 'status',
];

/** Number of header names listed in the error, enough to recognise the file. */
export const COLUMNS_IN_ERROR = 6;

/** Counts the cells that are a known header name of any layout. */
export function countKnownHeaderNames(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) if (KNOWN_HEADER_NAMES.has(normaliseHeader(cell.trim()))) count++;
  return count;
}

/** Recognises the layout of a header row; throws ShopRecError when it cannot be imported. */
export function detectLayout(header: readonly string[], file: string): LayoutMatch {
  const byName = new Map<string, string>();
  for (const cell of header) {
    const key = normaliseHeader(cell.trim());
    if (key.length > 0 && !byName.has(key)) byName.set(key, cell);
  }

  const onlineRetail = mapAll(byName, ONLINE_RETAIL_COLUMNS);
  if (onlineRetail) return { format: 'online-retail', mapping: onlineRetail };
  const onlineRetailII = mapAll(byName, ONLINE_RETAIL_II_COLUMNS);
  if (onlineRetailII) return { format: 'online-retail-ii', mapping: onlineRetailII };
  const shopify = mapShopify(byName);
  if (shopify) return { format: 'shopify-orders', mapping: shopify };

  return { format: 'generic', mapping: mapGeneric(byName, header, file) };
}

function mapAll(byName: Map<string, string>, columns: Partial<Record<CanonicalField, string>>): ColumnMapping | null {
  const mapping: ColumnMapping = {};
  for (const [field, name] of Object.entries(columns) as Array<[CanonicalField, string]>) {
    const written = byName.get(normaliseHeader(name));
    if (written === undefined) return null;
    mapping[field] = written;
  }
  return mapping;
}

function mapShopify(byName: Map<string, string>): ColumnMapping | null {
  const mapping: ColumnMapping = {};
  for (const [field, name] of Object.entries(SHOPIFY_COLUMNS) as Array<[CanonicalField, string]>) {
    const written = byName.get(normaliseHeader(name));
    if (written !== undefined) mapping[field] = written;
  }
  return SHOPIFY_REQUIRED.every((field) => mapping[field] !== undefined) ? mapping : null;
}

function mapGeneric(byName: Map<string, string>, header: readonly string[], file: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();

  for (const field of GENERIC_FIELD_ORDER) {
    for (const synonym of FIELD_SYNONYMS[field]) {
      const written = byName.get(normaliseHeader(synonym));
      if (written === undefined || used.has(written)) continue;
      mapping[field] = written;
      used.add(written);
      break;
    }
  }

  const hasOrder = mapping.orderId !== undefined || mapping.orderedAt !== undefined;
  const hasItem = mapping.sku !== undefined || mapping.title !== undefined;
  if (!hasOrder || !hasItem) {
    const columns = header.slice(0, COLUMNS_IN_ERROR).join(', ');
    throw new ShopRecError('file.unrecognisedColumns', { file, columns });
  }

  // Every stored line needs a time, and an order number or a customer to derive one from.
  if (mapping.orderedAt === undefined) {
    throw new ShopRecError('file.missingColumn', { file, column: '下单时间 / order date' });
  }
  if (mapping.orderId === undefined && mapping.customerId === undefined) {
    throw new ShopRecError('file.missingColumn', { file, column: '订单号 / order number' });
  }
  return mapping;
}
